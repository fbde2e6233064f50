// The domain's case Receipt (@onetrip/domain, built by buildReceipt) as the printer's
// CaseReceipt document. Pure; times become China Standard Time as the domain prints them.
import type { Receipt } from '@onetrip/domain';
import type { CaseReceipt } from './receipt-document';

const clip = (s: string, max: number): string => (Array.from(s).length > max ? Array.from(s).slice(0, max - 1).join('') + '…' : s);

/** `2026-11-27T11:30:00Z` → `2026-11-27T19:30:00+08:00` (the wall clock in China). */
export function toChinaTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

export function caseReceiptFromDomain(r: Receipt): CaseReceipt {
  const steps = r.nextSteps.map((s) => clip(`${s.zh} / ${s.en}`, 200));
  const collect = r.collect
    ? {
      place: clip(`${r.collect.place.zh}（${r.collect.address}）`, 120),
      when: clip(`${r.collect.hours.zh}${r.collect.from ? `，${r.collect.from} 起` : ''}`, 120),
    }
    : undefined;
  return {
    kind: 'caseReceipt',
    siteName: clip(r.site.name.zh, 60),
    caseNumber: r.caseNumber,
    itemName: clip(r.item.name.zh, 120),
    applicant: { name: r.applicant.name, idNumber: r.applicant.idNumber },
    submittedAt: toChinaTime(r.submittedAt),
    nextSteps: steps.length ? steps : ['请留意短信通知 / please watch for a text message'],
    ...(collect ? { collect } : {}),
    qrPayload: r.qrPayload,
    ...(r.site.phone.trim() ? { hotline: r.site.phone.trim() } : {}),
  };
}
