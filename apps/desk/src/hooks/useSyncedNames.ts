import { useEffect, useMemo, useState } from 'react';
import type { Replica } from '@onetrip/replica';
import { createNames, type Names } from '../lib/names';

/** Item and region names from the replica's synced `items` and `regions`, live (lib/names.ts holds the rules). */
export function useSyncedNames(replica: Replica): Names {
  const [items, setItems] = useState<unknown[]>([]);
  const [regions, setRegions] = useState<unknown[]>([]);
  useEffect(() => {
    const subs = [
      replica.collections.items?.find().$.subscribe((docs) => setItems(docs.map((d) => d.toJSON()))),
      replica.collections.regions?.find().$.subscribe((docs) => setRegions(docs.map((d) => d.toJSON()))),
    ];
    return () => { for (const s of subs) s?.unsubscribe(); };
  }, [replica]);
  return useMemo(() => createNames(items, regions), [items, regions]);
}
