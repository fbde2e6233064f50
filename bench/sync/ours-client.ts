// A plain-fetch client of the sync server's documented HTTP API (docs/api.md): what a replica
// does on the wire, without a local database in between.

export const PROTOCOL_VERSION = '1';

export interface Checkpoint { id: string; updatedAt: number }
export interface PullResult { documents: Record<string, unknown>[]; checkpoint: Checkpoint | null }

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(`${status} ${code}: ${message}`);
  }
}

/**
 * Bound of one request. Long on purpose: with 100 clients pushing at once a request may wait
 * behind all the others' transactions (the server serialises writers of a collection), and
 * each phase has its own, tighter overall bound.
 */
const REQUEST_TIMEOUT_MS = 30 * 60_000;

/** The server says Retry-After: 1; a shorter wait keeps the queue full without a flood. */
const BUSY_RETRY_MS = 250;
const MAX_BUSY_RETRIES = 10_000;

export class OursClient {
  /** Pushes answered 503 BUSY and sent again. */
  busyRetries = 0;

  constructor(readonly baseUrl: string, readonly token?: string) {}

  withToken(token: string): OursClient {
    return new OursClient(this.baseUrl, token);
  }

  headers(): Record<string, string> {
    const h: Record<string, string> = { 'x-onetrip-protocol': PROTOCOL_VERSION };
    if (this.token) h['authorization'] = `Bearer ${this.token}`;
    return h;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers = this.headers();
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const json: unknown = text === '' ? null : JSON.parse(text);
    if (!res.ok) {
      const err = (json as { code?: string; message?: { en?: string } | string } | null) ?? {};
      const message = typeof err.message === 'string' ? err.message : err.message?.en ?? text.slice(0, 300);
      throw new ApiError(res.status, err.code ?? 'HTTP_ERROR', `${method} ${path}: ${message}`);
    }
    return json as T;
  }

  async login(username: string, password: string): Promise<OursClient> {
    const res = await this.request<{ token: string }>('POST', '/auth/login', { username, password });
    return this.withToken(res.token);
  }

  /** Retries a push the server answers 503 BUSY (its case-event queue is full), after Retry-After, as a replica does. */
  async push(collection: string, docs: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
    const rows = docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }));
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.request('POST', `/replication/${collection}/push`, rows);
      } catch (err) {
        if (!(err instanceof ApiError) || err.code !== 'BUSY' || attempt >= MAX_BUSY_RETRIES) throw err;
        this.busyRetries += 1;
        await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      }
    }
  }

  async pull(collection: string, since: Checkpoint | null, limit: number): Promise<PullResult> {
    const q = new URLSearchParams({ limit: String(limit) });
    if (since) { q.set('id', since.id); q.set('updatedAt', String(since.updatedAt)); }
    return this.request('GET', `/replication/${collection}/pull?${q.toString()}`);
  }

  streamUrl(collection: string): string {
    return `${this.baseUrl}/api/v1/replication/${collection}/pull-stream`;
  }
}
