import { useEffect, useState } from 'react';
import type { Replica, ReplicaStatus } from '@onetrip/replica';

/** Online/offline and what waits to be sent, as the replica reports it. */
export function useReplicaStatus(replica: Replica): ReplicaStatus | null {
  const [status, setStatus] = useState<ReplicaStatus | null>(null);
  useEffect(() => {
    const sub = replica.status$.subscribe(setStatus);
    const online = () => replica.reconnectNow();
    globalThis.addEventListener('online', online);
    return () => { sub.unsubscribe(); globalThis.removeEventListener('online', online); };
  }, [replica]);
  return status;
}
