// The replica's HTTP client for the sync server: bearer token, the protocol version header,
// one token refresh on 401, bounded responses and errors mapped to stable codes.
import type { ReplicaError, ReplicaErrorCode } from './errors';
import { replicaError } from './errors';

/** The replication protocol this client speaks; the server answers 426 when it is too old. */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-onetrip-protocol';

/** Where the token comes from, and how a new one is obtained when the server says 401. */
export interface Credentials {
  getToken(): Promise<string>;
  /** Gets a fresh token (sign in again, or re-use a device secret). Absent: no refresh path. */
  refresh?(): Promise<string>;
}

export function tokenCredentials(token: string, refresh?: () => Promise<string>): Credentials {
  let current = token;
  return {
    getToken: async () => current,
    ...(refresh ? { refresh: async () => (current = await refresh()) } : {}),
  };
}

export interface HttpClientOptions {
  serverUrl: string;
  credentials: Credentials;
  fetch?: typeof fetch;
  protocolVersion?: number;
  /**
   * A `json()` request (pulls and pushes) that receives no byte for this long is given up as
   * offline, so replication retries instead of waiting forever on a connection that died without
   * a word (a village link that drops without closing TCP). An idle limit, not a deadline: a
   * page arriving slowly but steadily over a poor link is never cut. Default 30 s.
   */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

export interface HttpClient {
  request(method: string, path: string, init?: { body?: BodyInit; json?: unknown; signal?: AbortSignal; headers?: Record<string, string> }): Promise<Response>;
  json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T>;
  readonly serverUrl: string;
}

/** Signs in with a username and password, and signs in again whenever the token expires. */
export function passwordCredentials(serverUrl: string, username: string, password: string, fetchImpl: typeof fetch = fetch): Credentials {
  let token: string | undefined;
  const login = async () => {
    const res = await fetchImpl(new URL('/api/v1/auth/login', serverUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      body: JSON.stringify({ username, password }),
    });
    if (!res.ok) throw await errorFromResponse(res);
    const body = (await res.json()) as { token?: unknown };
    if (typeof body.token !== 'string') throw replicaError('REPLICA_BAD_RESPONSE');
    token = body.token;
    return token;
  };
  return { getToken: async () => token ?? login(), refresh: login };
}

export async function errorFromResponse(res: Response): Promise<ReplicaError> {
  let detail = `HTTP ${res.status}`;
  let body: Record<string, unknown> | undefined;
  try {
    body = (await res.json()) as Record<string, unknown>;
    if (typeof body.code === 'string') detail = `${detail} ${body.code}`;
  } catch (_ignored) {
    // a body that is not JSON adds nothing to the status
  }
  // the server's queue of pushes is full (503 BUSY) or the caller is rate-limited (429): it answered, so not offline
  const busy = res.status === 429 || (res.status === 503 && body?.code === 'BUSY');
  const error = replicaError(busy ? 'REPLICA_BUSY' : codeForStatus(res.status), undefined, detail);
  error.status = res.status;
  if (body) error.body = body;
  return error;
}

function codeForStatus(status: number): ReplicaErrorCode {
  if (status === 401) return 'REPLICA_UNAUTHORIZED';
  if (status === 403) return 'REPLICA_FORBIDDEN';
  if (status === 426) return 'REPLICA_PROTOCOL_TOO_OLD';
  if (status === 404) return 'REPLICA_NOT_FOUND';
  if (status === 413) return 'REPLICA_BLOB_TOO_LARGE';
  if (status >= 400 && status < 500) return 'REPLICA_INVALID_INPUT';
  return status >= 502 && status <= 504 ? 'REPLICA_OFFLINE' : 'REPLICA_SERVER_ERROR';
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const fetchImpl = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const version = String(options.protocolVersion ?? PROTOCOL_VERSION);
  const send = async (method: string, path: string, token: string, init: Parameters<HttpClient['request']>[2] = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: version, ...init.headers };
    let body = init.body;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    try {
      return await fetchImpl(new URL(`/api/v1${path}`, options.serverUrl), { method, headers, body: body ?? null, signal: init.signal ?? null });
    } catch (error) {
      throw replicaError('REPLICA_OFFLINE', error);
    }
  };
  const request: HttpClient['request'] = async (method, path, init) => {
    let res = await send(method, path, await options.credentials.getToken(), init);
    if (res.status === 401 && options.credentials.refresh) {
      await res.body?.cancel();
      res = await send(method, path, await options.credentials.refresh(), init);
    }
    return res;
  };
  return {
    serverUrl: options.serverUrl,
    request,
    async json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
      const idle = new IdleWatch(options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
      const stop = signal ? AbortSignal.any([signal, idle.signal]) : idle.signal;
      try {
        const res = await request(method, path, { json: body, signal: stop });
        idle.touch();
        if (!res.ok) throw await errorFromResponse(res);
        let text: string;
        try {
          text = await readText(res, idle, stop);
        } catch (error) {
          throw replicaError('REPLICA_OFFLINE', error);
        }
        try {
          return JSON.parse(text) as T;
        } catch (error) {
          throw replicaError('REPLICA_BAD_RESPONSE', error);
        }
      } finally {
        idle.stop();
      }
    },
  };
}

/** Aborts its signal when `touch()` has not been called for `ms`. */
class IdleWatch {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  readonly signal = this.controller.signal;

  constructor(private readonly ms: number) {
    this.touch();
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(replicaError('REPLICA_OFFLINE', undefined, `no data for ${this.ms} ms`)), this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/**
 * A reader of a response's body that is cancelled when `signal` aborts. Aborting the fetch
 * alone does not always settle a read pending on its body (Node's fetch, undici 6, when the
 * abort meets the end of the response: the read never settles); cancelling always does. The
 * live stream and `json()` read bodies only through this.
 */
export function abortableReader(body: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStreamDefaultReader<Uint8Array> {
  const reader = body.getReader();
  const cancel = () => { void reader.cancel().catch(() => undefined); };
  if (signal.aborted) cancel();
  else signal.addEventListener('abort', cancel, { once: true });
  return reader;
}

/** The body as text, counting every chunk that arrives as a sign of life; fails once `stop` aborts. */
async function readText(res: Response, idle: IdleWatch, stop: AbortSignal): Promise<string> {
  if (!res.body) return res.text();
  const reader = abortableReader(res.body, stop);
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (stop.aborted) throw stop.reason;
    if (done) break;
    idle.touch();
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
