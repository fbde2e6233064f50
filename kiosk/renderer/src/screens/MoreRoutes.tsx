// The screens of the journeys other than applying, and the hidden staff corner on the attract
// screen; App.tsx only routes to them.
import { useMemo } from 'react';
import type { Item, Site } from '@onetrip/domain';
import type { KioskServices } from '../journey/services';
import { createCornerTaps } from '../lib/corner-taps';
import type { Lang } from '../lib/i18n';
import { tm } from '../lib/more-text';
import { Maintenance } from './Maintenance';
import { ProgressScreen } from './ProgressScreen';
import { TicketScreen } from './TicketScreen';

export type MoreScreen = { name: 'ticket' } | { name: 'progress' } | { name: 'maintenance' };
export const isMoreScreen = (s: { name: string }): s is MoreScreen => s.name === 'ticket' || s.name === 'progress' || s.name === 'maintenance';

export function MoreRoutes({ screen, lang, site, items, services, onExit }: {
  screen: MoreScreen; lang: Lang; site: Site; items: readonly Item[]; services: KioskServices; onExit: () => void;
}) {
  const more = services.more;
  if (!more) return null;
  switch (screen.name) {
    case 'ticket': return <TicketScreen lang={lang} site={site} services={services} more={more} />;
    case 'progress': return <ProgressScreen lang={lang} items={items} services={services} more={more} />;
    case 'maintenance': return <Maintenance lang={lang} services={services} more={more} onExit={onExit} />;
  }
}

/** An invisible corner of the attract screen: five quick taps open maintenance. */
export function StaffCorner({ lang, onOpen }: { lang: Lang; onOpen: () => void }) {
  const tap = useMemo(() => createCornerTaps(onOpen, () => Date.now()), [onOpen]);
  return <button type="button" className="staff-corner" aria-label={tm('staffCorner', lang)} onClick={tap} />;
}
