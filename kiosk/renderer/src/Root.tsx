import { useEffect, useMemo, useState } from 'react';
import { demoCatalogue, demoDepartments, Item, type Site } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';
import type { KioskRuntimeConfig } from '../../common/bridge';
import { App } from './App';
import type { KioskServices } from './journey/services';

/** Holds what changes under the app: the catalogue as the replica syncs it, and the network state. */
export function Root({ config, replica, services, site, startAtHome }: {
  config: KioskRuntimeConfig; replica: Replica; services: KioskServices; site: Site; startAtHome?: () => boolean;
}) {
  const [items, setItems] = useState<Item[]>(demoCatalogue);
  const [online, setOnline] = useState(false);
  useEffect(() => {
    const status = replica.status$.subscribe((s) => setOnline(s.online));
    const catalogue = replica.collection('items').find().$.subscribe((docs) => {
      const synced = docs.flatMap((d) => { const p = Item.safeParse(d.toJSON()); return p.success ? [p.data] : []; });
      // Before the first sync the kiosk shows the catalogue it was built with.
      if (synced.length > 0) setItems(synced);
    });
    return () => { status.unsubscribe(); catalogue.unsubscribe(); };
  }, [replica]);
  const idle = useMemo(() => config.idle, [config.idle]);
  return <App items={items} departments={demoDepartments} site={site} idle={idle} online={online} services={services} {...(startAtHome ? { startAtHome } : {})} />;
}
