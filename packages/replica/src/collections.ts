// The collections of DESIGN.md as RxDB schemas. The domain's zod schemas stay the truth for
// a document's shape (commands validate with them before writing); these RxDB schemas only
// declare the primary key, the indexed fields, the schema version and — through RxDB's own
// `encrypted` key — the personal fields that encrypted-storage.ts seals at rest.
import { defaultConflictHandler } from 'rxdb';
import type { RxConflictHandler, RxJsonSchema } from 'rxdb';
import { migrationStrategies } from './migrations';

export const collectionNames = [
  'regions', 'items', 'caseEvents', 'cases', 'tickets', 'ratings', 'devices', 'users', 'auditLog', 'blobs',
] as const;
export type CollectionName = (typeof collectionNames)[number];

/** Collections replicated with the sync server (the server's change counters). */
export const replicatedCollections = [
  'regions', 'items', 'caseEvents', 'tickets', 'ratings', 'devices', 'users', 'auditLog',
] as const satisfies readonly CollectionName[];
export type ReplicatedCollection = (typeof replicatedCollections)[number];

export function isReplicated(name: CollectionName): name is ReplicatedCollection {
  return (replicatedCollections as readonly string[]).includes(name);
}

interface Spec {
  version: number;
  properties: Record<string, object>;
  required?: string[];
  indexes?: string[][];
  /** Personal fields, sealed with AES-GCM at rest (names, ID numbers, phones, addresses, photo refs). */
  encrypted?: string[];
}

const id = { type: 'string', maxLength: 64 };
const regionCode = { type: 'string', maxLength: 12 };
const object = { type: 'object' };
const str = (maxLength = 200) => ({ type: 'string', maxLength });
/** Set on documents written on this device until the server has them (stripped before push). */
const pendingPush = { type: 'boolean' };

const specs: Record<CollectionName, Spec> = {
  regions: { version: 0, properties: { id, code: str(12), parentCode: str(12), name: str(), sites: { type: 'array' } } },
  items: { version: 0, properties: { id, code: str(32), name: str(), kioskAllowed: { type: 'boolean' } } },
  caseEvents: {
    version: 1,
    properties: {
      id, caseId: id, itemCode: str(32), regionCode, type: str(32), actor: object, deviceId: str(64),
      hlc: str(40), at: str(40), payload: object, pendingPush,
    },
    required: ['caseId'],
    indexes: [['caseId']],
    // the payload holds the applicant (name, ID number, phone, address) and blob references
    encrypted: ['payload'],
  },
  cases: {
    version: 0,
    properties: {
      id, caseNumber: str(64), itemCode: str(32), regionCode, status: str(32), needsDecision: { type: 'boolean' },
      eventCount: { type: 'number' }, retained: { type: 'boolean' }, state: object,
    },
    // the folded state repeats the applicant and the materials
    encrypted: ['state'],
  },
  tickets: { version: 0, properties: { id, siteId: str(64), regionCode, day: str(10), number: { type: 'number' }, status: str(16), pendingPush } },
  ratings: { version: 0, properties: { id, caseId: id, regionCode, score: { type: 'number' }, reasons: { type: 'array' }, pendingPush } },
  devices: { version: 0, properties: { id, siteId: str(64), regionCode, pendingPush } },
  users: { version: 0, properties: { id, username: str(40), displayName: str(50), role: str(32), regionCode }, encrypted: ['displayName'] },
  // an audit row's target and details name the person whose data was read
  auditLog: { version: 0, properties: { id, regionCode, writer: str(64), seq: { type: 'number' }, target: str(200), details: object, pendingPush }, encrypted: ['target', 'details'] },
  blobs: {
    version: 0,
    properties: {
      id: { type: 'string', maxLength: 64 }, mediaType: str(64), size: { type: 'number' }, data: str(40_000_000),
      uploaded: { type: 'boolean' }, createdAt: { type: 'number' },
    },
    // the photo itself (base64 of the bytes)
    encrypted: ['data'],
  },
};

export function schemaOf(name: CollectionName): RxJsonSchema<Record<string, unknown>> {
  const spec = specs[name];
  return {
    title: name,
    version: spec.version,
    primaryKey: 'id',
    type: 'object',
    properties: spec.properties,
    required: ['id', ...(spec.required ?? [])],
    ...(spec.indexes ? { indexes: spec.indexes } : {}),
    ...(spec.encrypted ? { encrypted: spec.encrypted } : {}),
  } as RxJsonSchema<Record<string, unknown>>;
}

export function personalFieldsOf(name: CollectionName): readonly string[] {
  return specs[name].encrypted ?? [];
}

type Doc = Record<string, unknown>;

/** The document without the device-local `pendingPush` marker (what the server sees). */
export function withoutMarker<D extends Doc>(doc: D): D {
  if (!('pendingPush' in doc)) return doc;
  const { pendingPush: _pending, ...rest } = doc;
  return rest as D;
}

/**
 * RxDB's own comparison with `pendingPush` left out of it. The marker never leaves the
 * device, so setting it to false once the server has a document is not a change to the
 * document: without this, RxDB's push saw the acknowledgement as a new local state and sent
 * every document written here a second time. Conflicts resolve as RxDB's default does.
 */
export const markerBlindConflictHandler: RxConflictHandler<Doc> = {
  isEqual: (a, b, context) => defaultConflictHandler.isEqual(withoutMarker(a), withoutMarker(b), context),
  resolve: (input, context) => defaultConflictHandler.resolve(input, context),
};

const hasMarker = (name: CollectionName) => 'pendingPush' in specs[name].properties;

export function collectionCreators(names: readonly CollectionName[]) {
  return Object.fromEntries(names.map((name) => [name, {
    schema: schemaOf(name),
    migrationStrategies: migrationStrategies[name] ?? {},
    ...(hasMarker(name) ? { conflictHandler: markerBlindConflictHandler } : {}),
  }]));
}
