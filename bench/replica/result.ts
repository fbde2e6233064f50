// What a benchmark page answers after one sync (shared by the pages and the Node side).

export interface LongTaskSummary {
  /** The longest task that overlapped the sync, in ms (0 when there was none over 50 ms). */
  longestMs: number;
  /** When the longest one started, in ms after the sync started. */
  longestAtMs: number;
  /** How many long tasks overlapped the sync. */
  count: number;
  /** Their total duration, in ms. */
  totalMs: number;
}

export interface SyncResult {
  /** Documents present locally when the sync was done. */
  count: number;
  /** From starting replication to every document present locally. */
  ms: number;
  longTasks: LongTaskSummary;
  /** Ours only: how long `openReplica` took (creating the database, before the first pull answers). */
  openMs?: number;
  /** Ours with the cases projection: from starting replication to every case folded into `cases` too (the long tasks cover this whole time). */
  projectedMs?: number;
  /** Ours only: how many status updates the page received while it synced. */
  statusUpdates?: number;
  /** Ours only: pull requests made, and the time spent waiting for their answers (request sent → body read). */
  pulls?: number;
  pullWaitMs?: number;
  /** Ours only: where personal fields were sealed at the end ('worker', or 'main thread' if the worker failed). */
  sealedIn?: string;
}
