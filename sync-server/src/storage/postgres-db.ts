import pg from 'pg';
import type { Db, Queryable } from './db';
import { INT8_OID, parseInt8 } from './db';

const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

/** A PostgreSQL server through a pool; LISTEN uses one dedicated connection that reconnects. */
export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  pool.on('error', () => { /* an idle client died; the pool replaces it on next use */ });
  await pool.query('SELECT 1');
  const listeners: Array<() => Promise<void>> = [];
  return {
    engine: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async exec(sql: string) { await pool.query(sql); },
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const tx: Queryable = {
          query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, params)).rows as T[],
          exec: async (sql: string) => { await client.query(sql); },
        };
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onReconnect) {
      const stop = await listenWithReconnect(url, channel, onPayload, onReconnect);
      listeners.push(stop);
      return stop;
    },
    async close() {
      await Promise.all(listeners.splice(0).map((stop) => stop()));
      await pool.end();
    },
  };
}

/**
 * Keeps one LISTEN connection open. If it drops, it reconnects with a short backoff and calls
 * onReconnect so live streams can send RESYNC (notifications sent meanwhile are lost).
 */
async function listenWithReconnect(url: string, channel: string, onPayload: (p: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
  let stopped = false;
  let client: pg.Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (isReconnect: boolean): Promise<void> => {
    const c = new pg.Client({ connectionString: url, types });
    c.on('notification', (msg) => { if (msg.channel === channel) onPayload(msg.payload ?? ''); });
    c.on('error', () => scheduleReconnect());
    c.on('end', () => scheduleReconnect());
    await c.connect();
    await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = c;
    if (isReconnect) onReconnect?.();
  };
  const scheduleReconnect = (): void => {
    if (stopped || retry) return;
    const old = client;
    client = undefined;
    old?.removeAllListeners('end');
    old?.end().catch(() => undefined);
    retry = setTimeout(() => {
      retry = undefined;
      connect(true).catch(() => scheduleReconnect());
    }, 500);
  };
  await connect(false);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    await client?.end().catch(() => undefined);
  };
}
