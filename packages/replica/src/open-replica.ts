// openReplica: the RxDB database of one client (kiosk, desk, admin) with the collections of
// DESIGN.md, personal fields encrypted at rest, replication with the sync server, the
// status observable, domain commands, the blob store and retention.
import { createRxDatabase, addRxPlugin } from 'rxdb';
import type { RxCollection, RxDatabase, RxStorage } from 'rxdb';
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema';
import { BehaviorSubject, combineLatest, map, of } from 'rxjs';
import type { Observable, Subscription } from 'rxjs';
import { isCaseVisibleTo } from '@onetrip/domain';
import type { CaseState, Role } from '@onetrip/domain';
import { createCommands } from './commands';
import type { CommandContext, Commands } from './commands';
import { startProjection } from './projection';
import { collectionCreators, isReplicated } from './collections';
import type { CollectionName } from './collections';
import { wrapEncryptedStorage } from './encrypted-storage';
import type { Sealer } from './sealer';
import { isPulledEvent, withoutPulledMeta } from './pulled-meta';
import { importEncryptionKey } from './field-crypto';
import type { EncryptionKeyInput } from './field-crypto';
import { createHttpClient } from './http-client';
import type { Credentials, HttpClient } from './http-client';
import { replicateCollection } from './replication';
import type { CollectionReplication } from './replication';
import { collectionsFor, replicationPlan } from './roles';
import { combineStatus, createSyncTracker, pendingDocuments$ } from './status';
import type { ReplicaStatus } from './status';
import { realTimers } from './timers';
import type { Backoff, Timers } from './timers';
import { replicaError, toReplicaError } from './errors';
import type { ReplicaError } from './errors';
import { acknowledgeSent, applyRetention, dropRefusedEvent, isLocalOnlyEvent } from './retention';
import type { ReplicaScope } from './retention';
import { createBlobStore } from './blob-store';
import type { BlobStore } from './blob-store';

addRxPlugin(RxDBMigrationSchemaPlugin);

export type { ReplicaScope };

export interface OpenReplicaOptions {
  role: Role;
  scope: ReplicaScope;
  serverUrl: string;
  credentials: Credentials;
  /** AES-256 key from the host (Electron safeStorage on kiosks): CryptoKey or 32 raw bytes. */
  encryptionKey: EncryptionKeyInput;
  /** browserStorage() in browsers and Electron's renderer, getRxStorageMemory() in Node tests. */
  storage: RxStorage<unknown, unknown>;
  /** Where personal fields are sealed and opened: on this thread by default; browserSealer() uses a Worker. */
  sealer?: Sealer;
  /** Database name (one per signed-in principal); default `onetrip-<role>`. */
  name?: string;
  /** Open only these collections (tests; RxDB's open core allows 13 per process). */
  collections?: CollectionName[];
  /** Keep replicating (default) or run one round to in-sync and stop. */
  live?: boolean;
  /**
   * Pulled collections that keep a live stream (default: every pulled one). Each stream holds
   * one of the 6 connections a browser allows per server; the others are pulled every `pollMs`.
   */
  streams?: CollectionName[];
  /**
   * How often a live collection is pulled again from its checkpoint (default 60 000 ms): how a
   * collection without a stream learns of changes, and for one with a stream the safety net for
   * a notification that never came.
   */
  pollMs?: number;
  /** Start replication at once (default) — false opens the data offline only. */
  replicate?: boolean;
  timers?: Timers;
  random?: () => number;
  backoff?: Backoff;
  fetch?: typeof fetch;
  /** A pull or push that receives nothing for this long counts as offline and is retried (default 30 s). */
  idleTimeoutMs?: number;
  batchSize?: number;
  /** Who acts on this device; without it the replica is read-only (no commands). */
  commandContext?: CommandContext;
}

export type ReplicaCollections = Partial<Record<CollectionName, RxCollection<Record<string, unknown>>>>;

export interface Replica {
  readonly db: RxDatabase;
  readonly role: Role;
  readonly scope: ReplicaScope;
  readonly collections: ReplicaCollections;
  readonly client: HttpClient;
  readonly status$: Observable<ReplicaStatus>;
  readonly blobs: BlobStore;
  readonly replications: readonly CollectionReplication[];
  /** Domain commands (submitApplication, acceptCase, forwardCase …); throws when opened without a commandContext. */
  readonly commands: Commands;
  collection(name: CollectionName): RxCollection<Record<string, unknown>>;
  /** Resolves when every replication has pushed and pulled everything it knows of. */
  awaitInSync(): Promise<void>;
  /** Skips the reconnect back-off (call on the browser's `online` event). */
  reconnectNow(): void;
  close(): Promise<void>;
}

async function createDatabase(options: OpenReplicaOptions, names: CollectionName[]): Promise<RxDatabase> {
  const keyPromise = importEncryptionKey(options.encryptionKey);
  await keyPromise; // reject a bad key before anything is opened
  const db = await createRxDatabase({
    name: options.name ?? `onetrip-${options.role}`,
    // case events are append-only: RxDB keeps no second copy of each pulled one (pulled-meta.ts)
    storage: withoutPulledMeta(wrapEncryptedStorage(options.storage, () => keyPromise, options.sealer), ['caseEvents']),
    multiInstance: false,
    eventReduce: true,
    allowSlowCount: true,
    closeDuplicates: false,
  });
  try {
    await db.addCollections(collectionCreators(names));
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

interface ReplicationDeps {
  client: HttpClient;
  tracker: ReturnType<typeof createSyncTracker>;
  timers: Timers;
  random: () => number;
  blobs: BlobStore;
}

function startReplications(options: OpenReplicaOptions, db: RxDatabase, deps: ReplicationDeps) {
  const { client, tracker, timers, random } = deps;
  const plan = replicationPlan[options.role];
  const replications: CollectionReplication[] = [];
  for (const [name, collection] of Object.entries(db.collections)) {
    const direction = plan[name as keyof typeof plan];
    if (!isReplicated(name as CollectionName) || !direction) continue;
    replications.push(replicateCollection({
      collection: collection as RxCollection<Record<string, unknown>>,
      name: name as never,
      client, direction, live: options.live ?? true, timers, random, tracker,
      stream: options.streams ? options.streams.includes(name as CollectionName) : true, pollMs: options.pollMs ?? 60_000,
      // a reviewer's scope widens when a case is forwarded to its department
      completeLateCases: options.role === 'cityReviewer',
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
      // case events are append-only: a local deletion (retention) is never sent, nor is an
      // event pulled from the server (it has no assumed master state to compare with)
      skipPush: (doc) => name === 'caseEvents' && (isLocalOnlyEvent(doc) || isPulledEvent(doc)),
      // an event is pushed only after the photos it references are on the server
      ...(name === 'caseEvents' ? {
        waitBeforePush: () => deps.blobs.awaitUploaded(),
        onRefused: async (doc: Record<string, unknown>, error: ReplicaError) => {
          tracker.failure(error);
          await dropRefusedEvent(collection as RxCollection<Record<string, unknown>>, doc);
        },
      } : {}),
    }));
  }
  return replications;
}

function scopeCheck(options: OpenReplicaOptions) {
  const { role, scope } = options;
  const principal = {
    kind: role === 'kiosk' ? 'device' as const : 'user' as const, id: scope.userId ?? scope.deviceId, role, regionCode: scope.regionCode,
    ...(scope.departmentCode ? { departmentCode: scope.departmentCode } : {}), ...(scope.siteId ? { siteId: scope.siteId } : {}),
  };
  return (projection: Record<string, unknown>) => {
    const state = projection.state as CaseState | undefined;
    return !state || typeof state.caseId !== 'string' || isCaseVisibleTo(principal, state);
  };
}

function readOnlyCommands(): Commands {
  return new Proxy({} as Commands, {
    get: () => () => Promise.reject(replicaError('REPLICA_FORBIDDEN', undefined, 'read-only replica')),
  });
}

export async function openReplica(options: OpenReplicaOptions): Promise<Replica> {
  const names = options.collections ?? collectionsFor(options.role);
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;
  let db: RxDatabase;
  try {
    db = await createDatabase(options, names);
  } catch (error) {
    throw toReplicaError(error);
  }
  const client = createHttpClient({
    serverUrl: options.serverUrl, credentials: options.credentials,
    ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.idleTimeoutMs ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
  });
  const tracker = createSyncTracker(timers.now);
  const collections = db.collections as ReplicaCollections;
  const blobs = createBlobStore({ collection: collections.blobs, client, tracker, timers, random, dropAfterUpload: options.role === 'kiosk' });
  const replications = options.replicate === false ? [] : startReplications(options, db, { client, tracker, timers, random, blobs });
  const subs: Subscription[] = [];
  for (const r of replications) {
    subs.push(r.state.error$.subscribe((e) => tracker.failure(e)));
    subs.push(r.state.sent$.subscribe((doc) => void acknowledgeSent(collections, r.name, doc)));
    if (r.stream) {
      subs.push(r.stream.connected$.subscribe((up) => up && tracker.success()));
      // a stream that fails or is ended by the server (shutting down, revoked) says so in the status
      subs.push(r.stream.errors$.subscribe((e) => tracker.failure(e)));
    }
  }
  const commandContext = options.commandContext;
  const projection = startProjection(collections, (remote) => {
    if (typeof remote.hlc === 'string') try { commandContext?.hlc.receive(remote.hlc); } catch (_drift) { /* a far-off clock is the server's to judge */ }
  }, commandContext?.domain);
  if (projection) subs.push(projection);
  subs.push(...applyRetention({ role: options.role, scope: options.scope, collections, isInScope: scopeCheck(options) }));
  const commands = collections.caseEvents && collections.cases && commandContext
    ? createCommands({ caseEvents: collections.caseEvents, cases: collections.cases }, commandContext)
    : readOnlyCommands();
  const streams = replications.flatMap((r) => (r.stream ? [r.stream.connected$] : []));
  const connected$ = streams.length > 0 ? combineLatest(streams).pipe(map((all) => all.every(Boolean))) : new BehaviorSubject(true);
  const plan = replicationPlan[options.role];
  const pushed = Object.entries(collections).filter(([name]) => plan[name as keyof typeof plan]?.push).map(([, c]) => c);
  const status$ = combineStatus(tracker, connected$, pendingDocuments$(pushed), blobs ? blobs.pending$ : of(0));
  return {
    db, role: options.role, scope: options.scope, collections, client, status$, blobs, replications, commands,
    collection(name) {
      const c = collections[name];
      if (!c) throw new Error(`collection ${name} is not open on this replica`);
      return c;
    },
    async awaitInSync() {
      await Promise.all(replications.map((r) => r.state.awaitInSync()));
    },
    reconnectNow() {
      for (const r of replications) {
        r.stream?.reconnectNow();
        r.state.reSync();
      }
    },
    async close() {
      for (const s of subs) s.unsubscribe();
      blobs.close();
      await Promise.all(replications.map((r) => r.cancel()));
      await db.close();
    },
  };
}
