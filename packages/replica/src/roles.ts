// Which collections each role holds and in which direction they replicate. The server
// enforces scope on every pull and push; this table only decides what a replica asks for.
import type { Role } from '@onetrip/domain';
import type { CollectionName, ReplicatedCollection } from './collections';

export interface Direction {
  pull: boolean;
  push: boolean;
}

const both: Direction = { pull: true, push: true };
const pull: Direction = { pull: true, push: false };
const push: Direction = { pull: false, push: true };

type Plan = Partial<Record<ReplicatedCollection, Direction>>;

const staff: Plan = { regions: pull, items: pull, users: pull, caseEvents: both, tickets: both, ratings: pull, auditLog: push };

export const replicationPlan: Readonly<Record<Role, Plan>> = {
  // a kiosk never pulls case events: it holds only the cases it created until the server has them
  kiosk: { regions: pull, items: pull, caseEvents: push, tickets: both, ratings: push, devices: both },
  villageClerk: staff,
  townshipStaff: staff,
  cityReviewer: { ...staff, tickets: undefined },
  admin: { regions: both, items: both, users: both, caseEvents: both, tickets: pull, ratings: pull, devices: both, auditLog: pull },
};

/** The local collections a role opens: its replicated ones plus the cases projection and blobs. */
export function collectionsFor(role: Role): CollectionName[] {
  const replicated = Object.entries(replicationPlan[role]).filter(([, d]) => d !== undefined).map(([name]) => name as CollectionName);
  return [...replicated, 'cases', 'blobs'];
}
