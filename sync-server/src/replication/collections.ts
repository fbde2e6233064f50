import { z } from 'zod';
import { apiError } from '../errors';
import { COUNTY_CODE, Item, Region, Ticket, Rating, Device, User, CaseEvent } from '../domain';

export const COLLECTIONS = ['items', 'regions', 'caseEvents', 'tickets', 'ratings', 'devices', 'users', 'auditLog', 'cases'] as const;
export const CollectionName = z.enum(COLLECTIONS);
export type CollectionName = z.infer<typeof CollectionName>;

/** Collections stored in the generic `docs` table (cases and auditLog have tables of their own). */
export type DocCollection = Exclude<CollectionName, 'cases' | 'auditLog'>;

export interface CollectionDef {
  /** The RxDB primary key field. */
  key: string;
  schema: z.ZodType<Record<string, unknown>>;
  /** Documents never change once written (a repeat is a no-op, a change a conflict). */
  immutable: boolean;
  /** The columns the scope rules filter on. */
  columns(doc: Record<string, unknown>): { regionCode: string; siteId: string | null; caseId: string | null };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const byRegion = (doc: Record<string, unknown>) => ({ regionCode: String(doc.regionCode), siteId: str(doc.siteId), caseId: str(doc.caseId) });
const asRecord = (s: z.ZodType) => s as unknown as z.ZodType<Record<string, unknown>>;

/** A user document never carries password material: credentials live in their own table. */
const noSecrets = (doc: Record<string, unknown>) => !Object.keys(doc).some((k) => /pass|secret|token|hash/i.test(k));

export const collections: Record<DocCollection, CollectionDef> = {
  items: { key: 'code', schema: asRecord(Item), immutable: false, columns: () => ({ regionCode: COUNTY_CODE, siteId: null, caseId: null }) },
  regions: { key: 'code', schema: asRecord(Region), immutable: false, columns: (d) => ({ regionCode: String(d.code), siteId: null, caseId: null }) },
  caseEvents: { key: 'id', schema: asRecord(CaseEvent), immutable: true, columns: byRegion },
  tickets: { key: 'id', schema: asRecord(Ticket), immutable: false, columns: byRegion },
  ratings: { key: 'id', schema: asRecord(Rating), immutable: true, columns: byRegion },
  devices: { key: 'id', schema: asRecord(Device), immutable: false, columns: byRegion },
  users: { key: 'id', schema: asRecord(asRecord(User).refine(noSecrets, 'no password material in user documents')), immutable: false, columns: byRegion },
};

export function parseCollection(name: string): CollectionName {
  const parsed = CollectionName.safeParse(name);
  if (!parsed.success) throw apiError('UNKNOWN_COLLECTION', { collection: name.slice(0, 64) });
  return parsed.data;
}

export function isDocCollection(name: CollectionName): name is DocCollection {
  return name !== 'cases' && name !== 'auditLog';
}

/** RxDB-internal fields that are never stored or compared. */
const RXDB_META = new Set(['_meta', '_rev', '_attachments', '_deleted']);

/** Splits an RxDB document into the stored body and its deleted flag. */
export function splitDoc(doc: Record<string, unknown>): { body: Record<string, unknown>; deleted: boolean } {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) if (!RXDB_META.has(k)) body[k] = v;
  return { body, deleted: doc._deleted === true };
}
