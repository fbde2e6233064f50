import type { Db } from './db';

/**
 * Planner statistics soon after a burst of writes, on both databases; on PGlite also vacuum.
 *
 * Autovacuum for the embedded database. A PostgreSQL server keeps its tables' planner
 * statistics fresh and reclaims dead rows in the background (autovacuum); PGlite runs no
 * background workers, so without this an embedded server would plan every query on no
 * statistics at all and `cases` (rewritten on every event of a case) would only grow.
 *
 * Seen before this existed: with no statistics PGlite planned a pull page ("the next 1,000
 * after sequence s, in order") as a bitmap scan of every row after s plus a sort, instead of
 * walking the (collection, seq) index and stopping after 1,000 — so a fresh replica catching
 * up 100,000 documents read ever longer pages: 2,538 docs/s, against 5,395 docs/s at 20,000.
 *
 * Every `intervalMs` (and soon after a large write, see `wrote`) it reads the database's own
 * counters (pg_stat_user_tables) and applies PostgreSQL's default autovacuum rule per table:
 * ANALYZE when more than 50 + 10 % of its rows changed since the last analyze, VACUUM (ANALYZE)
 * when more than 50 + 20 % are dead. On PGlite each runs on the one connection between other
 * statements (an ANALYZE of 60,000 case events took about a quarter of a second); a failed
 * round is logged and retried at the next tick, never thrown.
 *
 * On a PostgreSQL server (`vacuum: false`) only the ANALYZE rule runs: autovacuum vacuums, but
 * it looks at a table once a minute (autovacuum_naptime), and a replica catching up right
 * after a bulk load was planned on no statistics. The replica benchmark's 51 pulls of 50,000
 * case events waited 6.2–6.3 s for the server in some runs and 11.8–15.3 s in others,
 * depending on whether autovacuum had analyzed `docs` yet. An ANALYZE of a table the server
 * owns needs no other privilege, and two server instances analyzing at once do no harm.
 */
export class EmbeddedMaintenance {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private sinceCheck = 0;
  private stopped = false;
  /** How many rounds did something (tests and metrics). */
  rounds = 0;

  constructor(
    private readonly db: Db,
    private readonly log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
    private readonly intervalMs = 10_000,
    /** Rows written since the last check that make a check start at once. */
    private readonly nudgeRows = 20_000,
    /** Also VACUUM tables with many dead rows (PGlite; a PostgreSQL server's autovacuum does that). */
    private readonly vacuum = true,
  ) {}

  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => { void this.check(); }, this.intervalMs);
    this.timer.unref();
  }

  /** Tells the maintenance that `rows` rows were written; a burst of writes brings the next check forward. */
  wrote(rows: number): void {
    this.sinceCheck += rows;
    if (this.sinceCheck >= this.nudgeRows && !this.running && !this.stopped) setImmediate(() => { void this.check(); });
  }

  /** One round: analyze / vacuum the tables that need it. Resolves when done (never rejects). */
  check(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return (this.running ??= this.round().finally(() => { this.running = undefined; }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async round(): Promise<void> {
    this.sinceCheck = 0;
    try {
      const tables = await this.db.query<{ relname: string; live: number; dead: number; changed: number }>(
        `SELECT relname, n_live_tup AS live, n_dead_tup AS dead, n_mod_since_analyze AS changed
           FROM pg_stat_user_tables WHERE schemaname = 'public' ORDER BY relname`);
      let acted = false;
      for (const t of tables) {
        if (this.stopped) return;
        const live = Number(t.live), dead = Number(t.dead), changed = Number(t.changed);
        const name = `"${t.relname.replace(/"/g, '""')}"`;
        const started = Date.now();
        if (this.vacuum && dead > 50 + 0.2 * live) await this.db.exec(`VACUUM (ANALYZE) ${name}`);
        else if (changed > 50 + 0.1 * live) await this.db.exec(`ANALYZE ${name}`);
        else continue;
        acted = true;
        this.log.info({ table: t.relname, live, dead, changed, ms: Date.now() - started }, 'embedded maintenance');
      }
      if (acted) this.rounds += 1;
    } catch (err) {
      if (!this.stopped) this.log.warn({ err }, 'embedded maintenance failed; retrying at the next round');
    }
  }
}
