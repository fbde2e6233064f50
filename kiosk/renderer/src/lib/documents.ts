// Printer documents built from domain data: the one-time notice (一次性告知单) and the case
// receipt (回执). The printer's document schemas (hardware/common/printer) validate them again.
import { buildReceipt, dataSourceNames, type CaseState, type Item, type Site } from '@onetrip/domain';
import { caseReceiptFromDomain, type CaseReceipt, type OneTimeNotice } from '@onetrip/hardware/common';

/** ISO time in China (UTC+8) to the second: what the site's clock shows. */
export function chinaIso(date: Date): string {
  return new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 19) + '+08:00';
}

export function noticeDocument(item: Item, site: Site, departmentName: string, now: Date): OneTimeNotice {
  const trips = item.trips === 0 ? 0 : 1;
  return {
    kind: 'oneTimeNotice',
    siteName: site.name,
    itemName: item.name.zh,
    department: departmentName,
    trips,
    promisedDays: item.promisedDays,
    fee: item.fee.amountFen === 0 ? '不收费 / free' : `${(item.fee.amountFen / 100).toFixed(2)} 元`,
    materials: item.materials.map((m) => ({
      name: m.name.zh,
      copies: m.copies,
      ...(m.original ? { note: '原件 / original' } : {}),
      ...(m.waivedBy ? { waivedBy: dataSourceNames[m.waivedBy.source].zh } : {}),
    })),
    steps: [
      item.kioskAllowed ? '可在24小时自助终端申请 / apply at a 24-hour kiosk' : '到窗口提交申请 / apply at the service window',
      item.resultDelivery.zh,
    ],
    printedAt: chinaIso(now),
    hotline: site.phone,
  };
}

/** The case receipt; when the kiosk is offline it says first that the application waits here. */
export function receiptDocument(state: CaseState, item: Item, site: Site, now: Date, opts: { pending: boolean }): CaseReceipt {
  const receipt = caseReceiptFromDomain(buildReceipt(state, item, site, { printedAt: now.toISOString() }));
  if (!opts.pending) return receipt;
  const waiting = '网络未连接：申请已保存在本机，联网后自动发送 / offline: kept on this kiosk, sent automatically when the network returns';
  return { ...receipt, nextSteps: [waiting, ...receipt.nextSteps].slice(0, 10) };
}
