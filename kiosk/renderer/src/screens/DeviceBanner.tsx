// A non-blocking banner for device trouble (paper out, cover open, reader unplugged), fed by the
// agent's printerStatus and health events; whatever screen is open stays usable under it.
import { useEffect, useState } from 'react';
import type { KioskServices } from '../journey/services';
import { nextAlerts, type Alerts } from '../lib/device-alerts';
import type { Lang } from '../lib/i18n';

export function DeviceBanner({ lang, services }: { lang: Lang; services: KioskServices }) {
  const [alerts, setAlerts] = useState<Alerts>(new Map());
  useEffect(() => services.subscribe((event) => setAlerts((a) => nextAlerts(a, event))), [services]);
  if (alerts.size === 0) return null;
  return (
    <div className="device-banner" role="status" aria-live="polite">
      {[...alerts.values()].map((a) => <p key={a.id}>{a.message[lang]}</p>)}
    </div>
  );
}
