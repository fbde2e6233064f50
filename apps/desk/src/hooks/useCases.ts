import { useEffect, useState } from 'react';
import type { CaseState } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';

/** Every case in this replica's `cases` projection, live: it changes as the replica syncs. */
export function useCases(replica: Replica): CaseState[] {
  const [cases, setCases] = useState<CaseState[]>([]);
  useEffect(() => {
    const sub = replica.collection('cases').find().$.subscribe((docs) => {
      setCases(docs.flatMap((d) => {
        const state = d.get('state') as CaseState | undefined;
        return state && typeof state.caseId === 'string' && d.get('retained') !== true ? [state] : [];
      }));
    });
    return () => sub.unsubscribe();
  }, [replica]);
  return cases;
}
