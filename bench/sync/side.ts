// What one side (ours on a database, or the peer) measures, and the shared procedure:
// push → seed up to the catch-up size → fresh-replica catch-up → live streams and memory.
import type { SyncBenchConfig } from './config';
import { describeCpu, startCpuReading, type CpuPerEvent, type CpuPids } from './cpu';
import { measureDelivery, type LiveSide } from './delivery';
import { percentile, perSecond } from './stats';

export interface SideResult {
  pushPerSec: number;
  catchUpPerSec: number;
  p50Ms: number;
  p99Ms: number;
  rssMB: number;
  /** Streams that had not delivered the probe when the bound ran out (their latency counts as the bound). */
  undelivered: number;
  /** CPU per pushed event of each process during the timed push (figure 1); absent when push was not measured. */
  pushCpu?: CpuPerEvent;
}

export interface Side {
  label: string;
  /** Documents for each push client, `perClient` each. Untimed. */
  makeDocs(clients: number, perClient: number, offset: number): Promise<{ id: string }[][]>;
  /** Pushes each client's documents concurrently, `batch` per request. Timed for figure 1. */
  push(perClient: { id: string }[][], batch: number): Promise<void>;
  /** A fresh replica pulls everything; returns how many documents it holds. Timed for figure 2. */
  catchUp(): Promise<number>;
  live: LiveSide;
  newId(): string;
  rssBytes(): Promise<number>;
  /** The processes whose CPU the push is read from (see cpu.ts). */
  cpuPids(): CpuPids;
  /**
   * Untimed: lets the server's storage finish background work after a bulk load before a timed
   * phase (ours on PostgreSQL: VACUUM ANALYZE, which autovacuum would otherwise run during it).
   */
  settle?(): Promise<void>;
}

export type Log = (line: string) => void;

async function within<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms); });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function timePush(side: Side, cfg: SyncBenchConfig, log: Log): Promise<Pick<SideResult, 'pushPerSec' | 'pushCpu'>> {
  const perClient = Math.ceil(cfg.pushEvents / cfg.pushClients);
  const docs = await side.makeDocs(cfg.pushClients, perClient, 0);
  const total = docs.reduce((n, d) => n + d.length, 0);
  log(`${side.label}: pushing ${total} events from ${cfg.pushClients} clients`);
  const cpu = startCpuReading(side.cpuPids());
  const start = performance.now();
  await within(cfg.phaseTimeoutMs, `${side.label} push`, side.push(docs, cfg.pushBatch));
  const ms = performance.now() - start;
  const pushCpu = cpu(total);
  log(`${side.label}: push took ${Math.round(ms)} ms; CPU per event: ${describeCpu(pushCpu)}`);
  return { pushPerSec: perSecond(total, ms), pushCpu };
}

async function seed(side: Side, cfg: SyncBenchConfig, have: number, log: Log): Promise<void> {
  const missing = cfg.catchUpDocs - have;
  if (missing <= 0) return;
  const clients = Math.min(cfg.pushClients, 20);
  const docs = await side.makeDocs(clients, Math.ceil(missing / clients), have);
  log(`${side.label}: seeding ${docs.reduce((n, d) => n + d.length, 0)} more documents for the catch-up`);
  await within(cfg.phaseTimeoutMs, `${side.label} seeding`, side.push(docs, cfg.seedBatch));
}

async function settle(side: Side, log: Log): Promise<void> {
  if (!side.settle) return;
  const start = performance.now();
  await side.settle();
  log(`${side.label}: storage settled (untimed) in ${Math.round(performance.now() - start)} ms`);
}

async function timeCatchUp(side: Side, cfg: SyncBenchConfig, log: Log): Promise<number> {
  const start = performance.now();
  const count = await within(cfg.phaseTimeoutMs, `${side.label} catch-up`, side.catchUp());
  const ms = performance.now() - start;
  log(`${side.label}: fresh replica caught up ${count} documents in ${Math.round(ms)} ms`);
  if (count < cfg.catchUpDocs) throw new Error(`${side.label}: the replica holds ${count} documents, expected at least ${cfg.catchUpDocs}`);
  return perSecond(count, ms);
}

async function measureLive(side: Side, cfg: SyncBenchConfig, log: Log): Promise<Pick<SideResult, 'p50Ms' | 'p99Ms' | 'rssMB' | 'undelivered'>> {
  let rss = 0;
  const delivery = await measureDelivery(side.live, {
    streams: cfg.streams,
    newId: () => side.newId(),
    atSteadyState: async () => { rss = await side.rssBytes(); return rss; },
    timeoutMs: cfg.deliveryTimeoutMs,
    log: (line) => log(`${side.label}: ${line}`),
  });
  const result = {
    p50Ms: percentile(delivery.latenciesMs, 50),
    p99Ms: percentile(delivery.latenciesMs, 99),
    rssMB: rss / (1024 * 1024),
    undelivered: delivery.undelivered,
  };
  const censored = result.undelivered > 0 ? ` (${result.undelivered} streams had nothing after ${cfg.deliveryTimeoutMs} ms: counted at that bound, so these are lower bounds)` : '';
  log(`${side.label}: delivery p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms${censored}, server RSS ${result.rssMB.toFixed(0)} MB`);
  return result;
}

export async function measureSide(side: Side, cfg: SyncBenchConfig, log: Log): Promise<SideResult> {
  const result: SideResult = { pushPerSec: Number.NaN, catchUpPerSec: Number.NaN, p50Ms: Number.NaN, p99Ms: Number.NaN, rssMB: Number.NaN, undelivered: 0 };
  if (cfg.phases.has('push')) Object.assign(result, await timePush(side, cfg, log));
  if (cfg.phases.has('catch-up')) {
    const pushed = cfg.phases.has('push') ? Math.ceil(cfg.pushEvents / cfg.pushClients) * cfg.pushClients : 0;
    await seed(side, cfg, pushed, log);
    await settle(side, log);
    result.catchUpPerSec = await timeCatchUp(side, cfg, log);
  }
  if (cfg.phases.has('live')) await settle(side, log);
  if (cfg.phases.has('live')) Object.assign(result, await measureLive(side, cfg, log));
  return result;
}
