// One status observable for the UI: online/offline, documents waiting to be pushed, blobs
// waiting to be uploaded, the last successful sync and the last error (with a stable code).
import { BehaviorSubject, EMPTY, catchError, combineLatest, distinctUntilChanged, filter, from, map, of, startWith, switchMap } from 'rxjs';
import type { Observable } from 'rxjs';
import type { ReplicaErrorInfo } from './errors';
import { toReplicaError } from './errors';

export interface ReplicaStatus {
  online: boolean;
  pendingDocuments: number;
  pendingBlobs: number;
  lastSyncAt: number | null;
  lastError: ReplicaErrorInfo | null;
}

export interface SyncTracker {
  success(): void;
  failure(error: unknown): void;
  readonly state$: BehaviorSubject<{ lastSyncAt: number | null; lastError: ReplicaErrorInfo | null; reachable: boolean }>;
}

export function createSyncTracker(now: () => number): SyncTracker {
  const state$ = new BehaviorSubject<{ lastSyncAt: number | null; lastError: ReplicaErrorInfo | null; reachable: boolean }>(
    { lastSyncAt: null, lastError: null, reachable: false },
  );
  return {
    state$,
    success() {
      state$.next({ ...state$.value, lastSyncAt: now(), reachable: true });
    },
    failure(error) {
      const e = toReplicaError(error);
      const reachable = e.code !== 'REPLICA_OFFLINE' && e.code !== 'REPLICA_SERVER_ERROR';
      state$.next({ ...state$.value, lastError: e.toJSON(), reachable });
    },
  };
}

/**
 * The part of an RxCollection the count needs (keeps the storage's option types out).
 * `pendingPush` is not indexed, so the count reads the whole collection: it is re-run only
 * when a change touches a pending document, not for every pulled batch (a live count query
 * would re-read 50,000 events after each batch of a catch-up).
 */
export interface Countable {
  count(query: { selector: Record<string, unknown> }): { exec(): Promise<number> };
  readonly $: Observable<{ documentData?: Record<string, unknown> | null; previousDocumentData?: Record<string, unknown> | null }>;
}

const touchesPending = (e: { documentData?: Record<string, unknown> | null; previousDocumentData?: Record<string, unknown> | null }) =>
  e.documentData?.pendingPush !== undefined || e.previousDocumentData?.pendingPush !== undefined;

/** Counts the documents written here that the server has not acknowledged yet. */
export function pendingDocuments$(collections: readonly Countable[]): Observable<number> {
  if (collections.length === 0) return of(0);
  return combineLatest(collections.map((c) => c.$.pipe(
    filter(touchesPending),
    startWith(null),
    // a count that fails (the database closing) keeps the last one
    switchMap(() => from(c.count({ selector: { pendingPush: true } }).exec()).pipe(catchError(() => EMPTY))),
    distinctUntilChanged(),
  ))).pipe(
    map((counts) => counts.reduce((a, b) => a + b, 0)),
  );
}

export function combineStatus(
  tracker: SyncTracker,
  connected$: Observable<boolean>,
  pendingDocs$: Observable<number>,
  pendingBlobs$: Observable<number>,
): Observable<ReplicaStatus> {
  return combineLatest([tracker.state$, connected$, pendingDocs$, pendingBlobs$]).pipe(
    map(([sync, connected, pendingDocuments, pendingBlobs]) => ({
      online: connected && sync.reachable,
      pendingDocuments,
      pendingBlobs,
      lastSyncAt: sync.lastSyncAt,
      lastError: sync.lastError,
    })),
    distinctUntilChanged((a, b) => JSON.stringify(a) === JSON.stringify(b)),
  );
}
