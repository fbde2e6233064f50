// One small database interface over both engines: PGlite (embedded, one connection, its
// own mutex serialises transactions) and a PostgreSQL server through a `pg` pool. The same
// SQL runs on both; nothing above this file knows which engine it talks to.

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: 'pglite' | 'postgres';
  /** Runs fn inside BEGIN … COMMIT; any throw rolls everything back. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Subscribes to NOTIFY on a channel. `onReconnect` fires after a lost connection came back. */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** int8 (bigint) columns hold change sequences and counts, all far below 2^53. */
export const INT8_OID = 20;
export const parseInt8 = (text: string): number => Number(text);
