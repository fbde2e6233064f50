import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { inject } from 'vitest';
import pg from 'pg';
import { tempDir, type TempDir } from '@onetrip/testkit';
import { startServer, type RunningServer, type StartOptions } from '../src/server';
import type { ServerConfigInput } from '../src/config';
import type { Db } from '../src/storage/db';
import { openPglite } from '../src/storage/pglite-db';
import { openPostgres } from '../src/storage/postgres-db';
import { PROTOCOL_VERSION } from '../src/protocol';
import { DEMO_PASSWORD } from '../src/demo/accounts';

export const engine = process.env.ONETRIP_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

/** A database of its own for one test file, on the engine this project runs. */
export interface TestDatabase {
  /** For PostgreSQL: the URL (a second instance connects to it too). */
  url: string | null;
  dataDir: string;
  /** The file's own temp dir (blobs go here too). */
  root: string;
  open(): Promise<Db>;
  cleanup(): Promise<void>;
}

let counter = 0;

export async function createTestDatabase(): Promise<TestDatabase> {
  const dir: TempDir = await tempDir('sync-test');
  if (engine === 'postgres') {
    const admin = inject('pgAdminUrl');
    const name = `t_${process.pid}_${Date.now()}_${counter++}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = admin.replace(/\/[^/?]+(\?|$)/, `/${name}$1`);
    return { url, dataDir: join(dir.path, 'data'), root: dir.path, open: () => openPostgres(url, 20), cleanup: () => dir.cleanup() };
  }
  const dataDir = join(dir.path, 'pglite');
  await cp(inject('pgliteTemplate'), dataDir, { recursive: true });
  return { url: null, dataDir, root: dir.path, open: () => openPglite(dataDir), cleanup: () => dir.cleanup() };
}

export const FAST: ServerConfigInput = { PORT: 0, LOG_LEVEL: 'silent', SCRYPT_LOG_N: 10, RATE_LIMIT_PER_MINUTE: 100_000, HEARTBEAT_MS: 200 };

/** Starts a demo-mode server on the file's database (optionally sharing an open Db). */
export async function startTestServer(db: TestDatabase, extra: ServerConfigInput = {}, options: StartOptions = {}): Promise<RunningServer> {
  return startServer({
    ...FAST, DEMO: '1', DATA_DIR: db.dataDir, BLOB_DIR: join(db.root, 'blobs'),
    ...(db.url ? { DATABASE_URL: db.url } : {}), ...extra,
  }, options);
}

/** A small HTTP client of the API, as outside callers use it. */
export class Client {
  constructor(readonly apiUrl: string, public token: string | null = null) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- test responses are asserted field by field
    const res = await fetch(`${this.apiUrl}${path}`, {
      method,
      headers: {
        'x-onetrip-protocol': String(PROTOCOL_VERSION),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let json: unknown = text;
    try { json = JSON.parse(text); } catch { /* not JSON */ }
    return { status: res.status, json };
  }

  get(path: string) { return this.request('GET', path); }
  post(path: string, body: unknown) { return this.request('POST', path, body); }

  async pullAll(collection: string, limit = 100): Promise<Array<Record<string, unknown>>> {
    const docs: Array<Record<string, unknown>> = [];
    let cp = '';
    for (;;) {
      const res = await this.get(`/replication/${collection}/pull?limit=${limit}${cp}`);
      if (res.status !== 200) throw new Error(`pull ${collection}: ${res.status} ${JSON.stringify(res.json)}`);
      docs.push(...res.json.documents);
      if (res.json.documents.length < limit) return docs;
      cp = `&updatedAt=${res.json.checkpoint.updatedAt}&id=${encodeURIComponent(res.json.checkpoint.id)}`;
    }
  }

  push(collection: string, rows: Array<{ assumedMasterState?: unknown; newDocumentState: unknown }>) {
    return this.post(`/replication/${collection}/push`, rows);
  }
}

export async function login(apiUrl: string, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const c = new Client(apiUrl);
  const res = await c.post('/auth/login', { username, password });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
  c.token = res.json.token;
  return c;
}

/** Enrolls a kiosk at a site with a fresh code made by the admin. */
export async function enrollKiosk(admin: Client, siteId: string, name = 'test kiosk'): Promise<Client & { deviceId: string }> {
  const code = await admin.post('/devices/enrollment-codes', { siteId });
  if (code.status !== 200) throw new Error(`enrollment code: ${code.status} ${JSON.stringify(code.json)}`);
  const anon = new Client(admin.apiUrl);
  const res = await anon.post('/devices/enroll', { code: code.json.code, name, publicKey: 'MCowBQYDK2VwAyEA'.padEnd(60, 'A') });
  if (res.status !== 200) throw new Error(`enroll: ${res.status} ${JSON.stringify(res.json)}`);
  return Object.assign(new Client(admin.apiUrl, res.json.token), { deviceId: res.json.deviceId as string });
}
