import { useCallback, useState } from 'react';
import type { Item, Site } from '@onetrip/domain';
import { receiptDocument } from '../lib/documents';
import type { Lang } from '../lib/i18n';
import { ApplyForm } from './ApplyForm';
import { Done } from './Done';
import { Identify } from './Identify';
import { Materials } from './Materials';
import { Review } from './Review';
import type { KioskServices } from './services';
import { prefill, type CardIdentity, type Journey } from './state';

/** The apply journey: card → form → photos → review → submitted, with the receipt printed. */
export function ApplyJourney({ lang, item, site, services, journey, setJourney, onFinish }: {
  lang: Lang; item: Item; site: Site; services: KioskServices; journey: Journey;
  setJourney: (update: (j: Journey) => Journey) => void; onFinish: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const identified = useCallback((identity: CardIdentity) => {
    setJourney((j) => (j.step === 'identify' ? { ...j, identity, form: { ...prefill(identity), ...j.form }, step: item.formFields.length ? 'form' : 'materials' } : j));
  }, [item, setJourney]);

  const addPhoto = async (code: string, bytes: Uint8Array) => {
    const ref = await services.storePhoto(bytes, 'image/jpeg', code);
    const previewUrl = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'image/jpeg' }));
    setJourney((j) => ({ ...j, photos: { ...j.photos, [code]: { ref, previewUrl } } }));
  };

  const submit = async () => {
    if (!journey.identity) return;
    setBusy(true);
    try {
      const state = await services.submit({
        itemCode: item.code, regionCode: site.regionCode, siteId: site.id,
        applicant: { name: journey.identity.name, idNumber: journey.identity.idNumber, ...(journey.identity.address ? { address: journey.identity.address } : {}) },
        form: Object.fromEntries(item.formFields.filter((f) => journey.form[f.key]).map((f) => [f.key, journey.form[f.key] ?? ''])),
        materials: Object.values(journey.photos).map((p) => p.ref),
      });
      const pending = !services.online();
      const print = await services.print(receiptDocument(state, item, site, new Date(), { pending }))
        .then((o) => o.state).catch(() => 'failed' as const);
      setJourney((j) => ({ ...j, step: 'done', error: null, result: { caseId: state.caseId, pending, print } }));
    } catch (err) {
      const e = err as { message?: unknown; zh?: string; en?: string };
      const message = typeof e.message === 'object' && e.message !== null ? e.message as { zh: string; en: string } : null;
      setJourney((j) => ({ ...j, error: message ?? { zh: e.zh ?? '提交失败，请联系工作人员', en: e.en ?? 'Submitting failed; please ask staff' } }));
    } finally { setBusy(false); }
  };

  switch (journey.step) {
    case 'identify': return <Identify lang={lang} services={services} onIdentified={identified} />;
    case 'form':
      return journey.identity && <ApplyForm lang={lang} item={item} identity={journey.identity} values={journey.form}
        onChange={(key, value) => setJourney((j) => ({ ...j, form: { ...j.form, [key]: value } }))}
        onNext={() => setJourney((j) => ({ ...j, step: 'materials' }))} />;
    case 'materials':
      return <Materials lang={lang} item={item} photos={journey.photos} onPhoto={addPhoto} onNext={() => setJourney((j) => ({ ...j, step: 'review' }))} />;
    case 'review': return <Review lang={lang} item={item} journey={journey} busy={busy} onSubmit={() => void submit()} />;
    case 'done': return journey.result && <Done lang={lang} result={journey.result} onFinish={onFinish} />;
  }
}
