import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable, startPostgres, type PostgresServer } from './postgres';
import { serverTempParent } from './postgres-bin';
import { tempDir } from './temp-dir';

const missing = postgresAvailable();
if (missing) console.warn(`postgres tests skipped: ${missing}`);

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return client;
}

describe.skipIf(missing !== null)('startPostgres', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('gives a URL to a fresh UTF-8 database on 127.0.0.1 with the test settings', async () => {
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/onetrip_test`);
    const client = await connect(server.url);
    try {
      const { rows } = await client.query<{ db: string; enc: string; listen: string; fsync: string }>(
        `SELECT current_database() AS db, pg_encoding_to_char(encoding) AS enc,
                current_setting('listen_addresses') AS listen, current_setting('fsync') AS fsync
           FROM pg_database WHERE datname = current_database()`,
      );
      expect(rows[0]).toEqual({ db: 'onetrip_test', enc: 'UTF8', listen: '127.0.0.1', fsync: 'off' });
    } finally {
      await client.end();
    }
  });

  it('stores and returns Chinese text in a table', async () => {
    const client = await connect(server.url);
    try {
      await client.query('CREATE TABLE items (code text PRIMARY KEY, name text NOT NULL)');
      await client.query('INSERT INTO items VALUES ($1, $2), ($3, $4)', ['DB-001', '低保申请', 'LN-002', '老年证办理']);
      const { rows } = await client.query('SELECT code, name FROM items ORDER BY code');
      expect(rows).toEqual([
        { code: 'DB-001', name: '低保申请' },
        { code: 'LN-002', name: '老年证办理' },
      ]);
    } finally {
      await client.end();
    }
  });

  it('delivers LISTEN/NOTIFY between two connections (the live fan-out the sync server uses)', async () => {
    const listener = await connect(server.url);
    const notifier = await connect(server.url);
    try {
      await listener.query('LISTEN case_events');
      const received = new Promise<{ channel: string; payload?: string }>((resolve) => listener.once('notification', resolve));
      await notifier.query(`SELECT pg_notify('case_events', $1)`, ['{"region":"430182000000"}']);
      const note = await received;
      expect(note.channel).toBe('case_events');
      expect(JSON.parse(note.payload ?? '')).toEqual({ region: '430182000000' });
    } finally {
      await Promise.all([listener.end(), notifier.end()]);
    }
  });

  it('creates further isolated databases', async () => {
    const other = await server.createDatabase('second_db');
    const client = await connect(other);
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'items'`);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await client.end();
    }
    await expect(server.createDatabase('Robert"); DROP')).rejects.toMatchObject({ code: 'TESTKIT_POSTGRES_BAD_NAME' });
  });
});

describe.skipIf(missing !== null)('startPostgres stop()', () => {
  it('shuts the server down and removes its data directory (cluster made by initdb, no template)', async () => {
    process.env.ONETRIP_PG_TEMPLATE_CACHE = '0';
    const server = await startPostgres({ database: 'short_lived', settings: { max_connections: 20 } }).finally(() => {
      delete process.env.ONETRIP_PG_TEMPLATE_CACHE;
    });
    expect(existsSync(server.dataDir)).toBe(true);
    const client = await connect(server.url);
    const { rows } = await client.query(`SELECT current_setting('max_connections') AS n`);
    expect(rows[0]).toEqual({ n: '20' });
    await client.end();
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    await expect(connect(server.url)).rejects.toThrow(/ECONNREFUSED/);
    await server.stop(); // idempotent
  });
});

describe('serverTempParent', () => {
  it('keeps the OS temp dir for the current user and when every ancestor is traversable', () => {
    expect(serverTempParent(null)).toBe(tmpdir());
    if ((statSync(tmpdir()).mode & 0o001) !== 0 && (statSync('/').mode & 0o001) !== 0) {
      expect(serverTempParent({ name: 'postgres', uid: 1, gid: 1 })).toBe(tmpdir());
    }
  });

  it('falls back to /tmp when TMPDIR is private to another user', async () => {
    const privateDir = await tempDir('private'); // mkdtemp makes it 0700
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = privateDir.path;
    try {
      expect(serverTempParent({ name: 'postgres', uid: 1, gid: 1 })).toBe('/tmp');
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
      await privateDir.cleanup();
    }
  });
});
