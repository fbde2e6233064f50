// The live pull stream: Server-Sent Events read with fetch (EventSource cannot send an
// Authorization header), parsed by eventsource-parser. It reconnects with back-off after
// any failure and after a heartbeat timeout, and emits 'RESYNC' on every (re)connect so
// RxDB runs a checkpointed pull for whatever happened while the stream was down.
import { BehaviorSubject, Subject } from 'rxjs';
import type { Observable } from 'rxjs';
import { createParser } from 'eventsource-parser';
import type { EventSourceMessage } from 'eventsource-parser';
import type { RxReplicationPullStreamItem } from 'rxdb';
import type { HttpClient } from './http-client';
import { abortableReader, errorFromResponse } from './http-client';
import { replicaError, toReplicaError } from './errors';
import type { ReplicaError } from './errors';
import { backoffDelay } from './timers';
import type { Backoff, Timers } from './timers';

export interface Checkpoint {
  id: string;
  updatedAt: number;
}

export type StreamItem = RxReplicationPullStreamItem<Record<string, unknown>, Checkpoint>;

export interface LiveStreamOptions {
  client: HttpClient;
  collection: string;
  timers: Timers;
  random: () => number;
  backoff?: Backoff;
  /** No byte (event or heartbeat) for this long means the connection is dead. */
  heartbeatTimeoutMs?: number;
}

export interface LiveStream {
  readonly items$: Observable<StreamItem>;
  readonly connected$: BehaviorSubject<boolean>;
  readonly errors$: Subject<ReplicaError>;
  /** Skips the back-off wait (e.g. when the browser says it is online again). */
  reconnectNow(): void;
  close(): void;
}

function toItem(message: EventSourceMessage): StreamItem | 'heartbeat' | 'error' | undefined {
  if (message.event === 'heartbeat' || message.event === 'ping') return 'heartbeat';
  if (message.event === 'error') return 'error';
  if (message.event === 'RESYNC' || message.event === 'resync') return 'RESYNC';
  const data = message.data.trim();
  if (data === 'RESYNC' || data === '"RESYNC"') return 'RESYNC';
  try {
    const parsed = JSON.parse(data) as { documents?: unknown; checkpoint?: unknown } | string;
    if (parsed === 'RESYNC') return 'RESYNC';
    if (typeof parsed === 'object' && parsed !== null && Array.isArray(parsed.documents)) {
      return { documents: parsed.documents, checkpoint: parsed.checkpoint } as StreamItem;
    }
  } catch (_notJson) {
    return undefined;
  }
  return undefined;
}

function errorFromEvent(data: string): ReplicaError {
  try {
    const body = JSON.parse(data) as { code?: unknown };
    if (body.code === 'DEVICE_REVOKED' || body.code === 'UNAUTHORIZED') return replicaError('REPLICA_UNAUTHORIZED', undefined, String(body.code));
    // a server shutting down ends its streams with UNAVAILABLE: offline, as its 503 reads
    if (body.code === 'UNAVAILABLE') return replicaError('REPLICA_OFFLINE', undefined, 'UNAVAILABLE');
    return replicaError('REPLICA_SERVER_ERROR', undefined, typeof body.code === 'string' ? body.code : undefined);
  } catch (_notJson) {
    return replicaError('REPLICA_SERVER_ERROR');
  }
}

export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const { client, collection, timers, random } = options;
  const backoff = options.backoff ?? { baseMs: 250, maxMs: 15_000 };
  const heartbeatTimeoutMs = options.heartbeatTimeoutMs ?? 45_000;
  const items$ = new Subject<StreamItem>();
  const connected$ = new BehaviorSubject(false);
  const errors$ = new Subject<ReplicaError>();
  let closed = false;
  let attempt = 0;
  let abort: AbortController | undefined;
  let retryHandle: unknown;
  let watchdog: unknown;

  // Ends the current attempt: the fetch is aborted and the body's reader, made by
  // abortableReader, is cancelled with it (in Node a read after an abort alone may never
  // settle; the convergence property found streams that never came back after a server
  // restart, whose shutdown `error` event ends the response just as the stream aborted).
  const stopAttempt = () => abort?.abort();

  const armWatchdog = () => {
    if (watchdog !== undefined) timers.clearTimeout(watchdog);
    watchdog = timers.setTimeout(stopAttempt, heartbeatTimeoutMs);
  };

  const readBody = async (res: Response, signal: AbortSignal) => {
    let ended = false;
    const parser = createParser({
      onEvent: (message) => {
        if (ended) return;
        const item = toItem(message);
        if (item === 'error') {
          // the server ends the stream (revoked device, shutting down): report it and reconnect
          errors$.next(errorFromEvent(message.data));
          ended = true;
        } else if (item !== undefined && item !== 'heartbeat') items$.next(item);
      },
    });
    const reader = abortableReader(res.body as ReadableStream<Uint8Array>, signal);
    const decoder = new TextDecoder();
    while (!ended) {
      const { done, value } = await reader.read();
      if (done) return;
      armWatchdog();
      parser.feed(decoder.decode(value, { stream: true }));
    }
    stopAttempt();
  };

  const connectOnce = async () => {
    abort = new AbortController();
    const { signal } = abort;
    armWatchdog();
    const res = await client.request('GET', `/replication/${collection}/pull-stream`, {
      signal, headers: { accept: 'text/event-stream' },
    });
    if (!res.ok || !res.body) throw await errorFromResponse(res);
    attempt = 0;
    connected$.next(true);
    items$.next('RESYNC');
    await readBody(res, signal);
  };

  const loop = async () => {
    if (closed) return;
    try {
      await connectOnce();
    } catch (error) {
      if (!closed) errors$.next(toReplicaError(error));
    }
    if (watchdog !== undefined) timers.clearTimeout(watchdog);
    connected$.next(false);
    if (closed) return;
    const delay = backoffDelay(attempt++, backoff, random);
    retryHandle = timers.setTimeout(() => { retryHandle = undefined; void loop(); }, delay);
  };

  void loop();
  return {
    items$: items$.asObservable(),
    connected$,
    errors$,
    reconnectNow() {
      if (closed || retryHandle === undefined) return;
      timers.clearTimeout(retryHandle);
      retryHandle = undefined;
      attempt = 0;
      void loop();
    },
    close() {
      closed = true;
      if (retryHandle !== undefined) timers.clearTimeout(retryHandle);
      if (watchdog !== undefined) timers.clearTimeout(watchdog);
      stopAttempt();
      items$.complete();
      connected$.complete();
      errors$.complete();
    },
  };
}
