import { useEffect, useState } from 'react';
import type { Ticket } from '@onetrip/domain';
import type { Replica } from '@onetrip/replica';

/** The tickets in this replica (the server sends a desk its region's), live. */
export function useTickets(replica: Replica): Ticket[] {
  const [tickets, setTickets] = useState<Ticket[]>([]);
  useEffect(() => {
    const collection = replica.collections.tickets;
    if (!collection) return undefined;
    const sub = collection.find().$.subscribe((docs) => setTickets(docs.map((d) => d.toJSON() as unknown as Ticket)));
    return () => sub.unsubscribe();
  }, [replica]);
  return tickets;
}
