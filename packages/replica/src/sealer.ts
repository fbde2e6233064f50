// Where personal fields are sealed and opened (AES-GCM, field-crypto.ts). On the calling
// thread by default; in a browser, browserSealer() (browser/index.ts) moves the work to one
// Worker per page. A catch-up seals two values per pulled document (the event's payload and
// the case's state), and on the main thread that was a quarter of the page's busy time.
//
// The main thread keeps only the JSON text of each value: requests made in one turn of the
// event loop go to the worker as one message, and the worker answers with one message per
// batch. A worker that cannot be started or fails (a module worker refused, a key that cannot
// be cloned, no answer within 10 s) is left for good: what it still owed, and everything after, is done on the
// calling thread, so a write never waits on a broken worker.
import { decryptJson, encryptJson } from './field-crypto';

export interface Sealer {
  /** Seals a value's JSON text under a context (collection/id); see field-crypto.ts for the format. */
  seal(key: CryptoKey, json: string, context: string): Promise<string>;
  /** Opens a sealed value back to its JSON text; REPLICA_DECRYPT_FAILED if it is not authentic. */
  open(key: CryptoKey, sealed: string, context: string): Promise<string>;
  /** Where the work runs now ('worker' until a worker fails). */
  readonly where: 'worker' | 'main thread';
}

/** Where a page bundled without Vite (tests, the benchmark) gets the seal worker from its host (node/page-server.ts). */
export const SEAL_WORKER_PATH = '/seal-worker.js';

export const inThreadSealer: Sealer = { seal: encryptJson, open: decryptJson, where: 'main thread' };

/** What the sealer needs of a Worker (a MessagePort in Node tests). */
export interface SealPort {
  postMessage(message: unknown): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown }) => void): void;
}

type Op = 'seal' | 'open';

/** Main thread → worker. A key is sent once, before the first batch that uses it. */
export type SealRequest =
  | { kind: 'key'; keyId: number; key: CryptoKey }
  | { kind: Op; batch: number; keyId: number; items: [text: string, context: string][] };

/** Worker → main thread: per item the result, or null where it failed. */
export interface SealReply { batch: number; results: (string | null)[] }

interface Pending {
  op: Op;
  key: CryptoKey;
  keyId: number;
  text: string;
  context: string;
  resolve(value: string): void;
  reject(error: unknown): void;
}

/** A batch the worker has not answered after this long means a worker that hangs: it is left. */
const ANSWER_WITHIN_MS = 10_000;

export function workerSealer(port: SealPort, fallback: Sealer = inThreadSealer, answerWithinMs = ANSWER_WITHIN_MS): Sealer {
  const keyIds = new WeakMap<CryptoKey, number>();
  let nextKeyId = 0;
  let nextBatch = 0;
  const waiting = new Map<number, Pending[]>();
  let queued: Pending[] = [];
  let broken = false;

  // a failed item is redone on the calling thread, which gives the same answer or the same
  // error (REPLICA_DECRYPT_FAILED for a value that is not authentic)
  const onThread = (p: Pending) => {
    (p.op === 'seal' ? fallback.seal(p.key, p.text, p.context) : fallback.open(p.key, p.text, p.context)).then(p.resolve, p.reject);
  };
  const leaveWorker = () => {
    if (broken) return;
    broken = true;
    const owed = [...waiting.values()].flat().concat(queued);
    waiting.clear();
    queued = [];
    owed.forEach(onThread);
  };
  port.addEventListener('error', leaveWorker);
  port.addEventListener('messageerror', leaveWorker);
  port.addEventListener('message', (event) => {
    const reply = event.data as Partial<SealReply> | undefined;
    const batch = typeof reply?.batch === 'number' ? waiting.get(reply.batch) : undefined;
    if (!batch || reply?.batch === undefined) return;
    waiting.delete(reply.batch);
    const results = Array.isArray(reply.results) && reply.results.length === batch.length ? reply.results : [];
    batch.forEach((p, i) => {
      const result = results[i];
      if (typeof result === 'string') p.resolve(result);
      else onThread(p);
    });
  });

  const post = (message: SealRequest): boolean => {
    try {
      port.postMessage(message);
      return true;
    } catch {
      leaveWorker();
      return false;
    }
  };
  const flush = () => {
    const items = queued;
    queued = [];
    if (broken) { items.forEach(onThread); return; }
    const groups = new Map<string, Pending[]>();
    for (const p of items) {
      const group = `${p.op}:${p.keyId}`;
      const list = groups.get(group);
      if (list) list.push(p);
      else groups.set(group, [p]);
    }
    // all are owed before the first is posted, so a failing post hands every one to the thread
    const batches = [...groups.values()].map((group) => { const batch = nextBatch++; waiting.set(batch, group); return [batch, group] as const; });
    // one watchdog per flush: a worker that neither answers nor reports an error holds no write
    const last = nextBatch - 1;
    const watchdog = setTimeout(() => { if (waiting.has(last)) leaveWorker(); }, answerWithinMs);
    (watchdog as { unref?: () => void }).unref?.();
    for (const [batch, group] of batches) {
      const first = group[0] as Pending;
      if (!post({ kind: first.op, batch, keyId: first.keyId, items: group.map((p) => [p.text, p.context]) })) return;
    }
  };
  const request = (op: Op, key: CryptoKey, text: string, context: string) => new Promise<string>((resolve, reject) => {
    const pending: Pending = { op, key, keyId: -1, text, context, resolve, reject };
    if (broken) { onThread(pending); return; }
    let keyId = keyIds.get(key);
    if (keyId === undefined) {
      keyId = nextKeyId++;
      keyIds.set(key, keyId);
      if (!post({ kind: 'key', keyId, key })) { onThread(pending); return; }
    }
    pending.keyId = keyId;
    queued.push(pending);
    if (queued.length === 1) queueMicrotask(flush);
  });
  return {
    seal: (key, json, context) => request('seal', key, json, context),
    open: (key, sealed, context) => request('open', key, sealed, context),
    get where() { return broken ? 'main thread' : 'worker'; },
  };
}

/** The worker's side: answers the requests arriving on `scope` (a worker's global scope, or a port). */
export function serveSealing(scope: SealPort): void {
  const keys = new Map<number, CryptoKey>();
  scope.addEventListener('message', (event) => {
    const request = event.data as SealRequest;
    if (request.kind === 'key') { keys.set(request.keyId, request.key); return; }
    const key = keys.get(request.keyId);
    const work = request.kind === 'seal' ? encryptJson : decryptJson;
    void Promise.all(request.items.map(async ([text, context]) => {
      if (!key) return null;
      try {
        return await work(key, text, context);
      } catch {
        return null;
      }
    })).then((results) => scope.postMessage({ batch: request.batch, results } satisfies SealReply));
  });
}
