// The figure lines of the sync benchmark and the verdicts against the targets.
import type { Database } from './config';
import { availableParallelism } from 'node:os';
import { cpuBudgetPerEvent, cpuTotal, describeCpu } from './cpu';
import type { SideResult } from './side';
import { formatFigure, round, type Figure } from './stats';

/** The targets, which hold for our server on a real PostgreSQL server. */
export const TARGETS = { pushRatio: 5, catchUpRatio: 5, p99Ms: 500, rssMB: 300 };

function figuresFor(db: Database, ours: SideResult, peer: SideResult): Figure[] {
  return [
    { name: `sync.push.${db}`, unit: 'events/s', ours: ours.pushPerSec, peer: peer.pushPerSec },
    { name: `sync.catch-up.${db}`, unit: 'docs/s', ours: ours.catchUpPerSec, peer: peer.catchUpPerSec },
    { name: `sync.delivery-p50.${db}`, unit: 'ms', ours: ours.p50Ms, peer: peer.p50Ms },
    { name: `sync.delivery-p99.${db}`, unit: 'ms', ours: ours.p99Ms, peer: peer.p99Ms },
    { name: `sync.server-rss.${db}`, unit: 'MB', ours: ours.rssMB, peer: peer.rssMB },
    ...(ours.pushCpu && peer.pushCpu
      ? [{ name: `sync.push-cpu.${db}`, unit: 'µs/event', ours: cpuTotal(ours.pushCpu), peer: cpuTotal(peer.pushCpu) }]
      : []),
  ];
}

/**
 * What the push target asks of the machine: at 5× the peer's rate every core together has
 * cpuBudgetPerEvent µs per event, for the clients, the server and the database. A side that
 * needs more than that cannot reach the rate on this machine, however well its work overlaps.
 */
function cpuBudget(ours: SideResult, peer: SideResult, cores: number): string[] {
  if (!ours.pushCpu || !peer.pushCpu || Number.isNaN(ours.pushPerSec) || Number.isNaN(peer.pushPerSec)) return [];
  const rate = TARGETS.pushRatio * peer.pushPerSec;
  const budget = cpuBudgetPerEvent(rate, cores);
  const used = cpuTotal(ours.pushCpu);
  return [
    `push CPU: ${TARGETS.pushRatio}× the peer is ${Math.round(rate)} events/s, which leaves ${Math.round(budget)} µs of CPU per event on ${cores} cores; ` +
    `ours used ${describeCpu(ours.pushCpu)} (${round(used / budget)}× that), the peer ${describeCpu(peer.pushCpu)}`,
  ];
}

function targetFigures(ours: SideResult, peer: SideResult): Figure[] {
  return [
    { name: 'sync.target.push-vs-peer.postgres', unit: '×peer', ours: ours.pushPerSec / peer.pushPerSec, target: TARGETS.pushRatio },
    { name: 'sync.target.catch-up-vs-peer.postgres', unit: '×peer', ours: ours.catchUpPerSec / peer.catchUpPerSec, target: TARGETS.catchUpRatio },
    { name: 'sync.target.delivery-p99.postgres', unit: 'ms', ours: ours.p99Ms, target: TARGETS.p99Ms },
    { name: 'sync.target.server-rss.postgres', unit: 'MB', ours: ours.rssMB, target: TARGETS.rssMB },
  ];
}

function verdictsFor(ours: SideResult, peer: SideResult): string[] {
  const check = (value: number, ok: boolean, what: string): string[] =>
    Number.isNaN(value) ? [] : [`${ok ? 'target met' : 'TARGET MISSED'}: ${what}`];
  const push = ours.pushPerSec / peer.pushPerSec;
  const catchUp = ours.catchUpPerSec / peer.catchUpPerSec;
  return [
    ...check(push, push >= TARGETS.pushRatio, `push ${round(push)}× the peer (target ≥ ${TARGETS.pushRatio}×)`),
    ...check(catchUp, catchUp >= TARGETS.catchUpRatio, `catch-up ${round(catchUp)}× the peer (target ≥ ${TARGETS.catchUpRatio}×)`),
    ...check(ours.p99Ms, ours.p99Ms < TARGETS.p99Ms, `delivery p99 ${round(ours.p99Ms)} ms (target < ${TARGETS.p99Ms} ms)`),
    ...check(ours.rssMB, ours.rssMB < TARGETS.rssMB, `server RSS ${round(ours.rssMB)} MB (target < ${TARGETS.rssMB} MB)`),
  ];
}

function censoring(label: string, r: SideResult): string[] {
  return r.undelivered > 0 ? [`${label}: ${r.undelivered} streams never delivered the probe within the bound; its delivery figures are lower bounds`] : [];
}

const measured = (f: Figure): boolean => !Number.isNaN(f.ours) && (f.peer === undefined || !Number.isNaN(f.peer));

export function buildFigures(ours: ReadonlyMap<Database, SideResult>, peer: SideResult, cores = availableParallelism()): { lines: string[]; verdicts: string[] } {
  const figures: Figure[] = [];
  for (const [db, result] of ours) figures.push(...figuresFor(db, result, peer));
  const pg = ours.get('postgres');
  if (pg) figures.push(...targetFigures(pg, peer));
  const verdicts = [...(pg ? [...verdictsFor(pg, peer), ...cpuBudget(pg, peer, cores)] : ['postgres not measured: targets not checked']), ...censoring('peer', peer)];
  for (const [db, result] of ours) verdicts.push(...censoring(`ours (${db})`, result));
  return { lines: figures.filter(measured).map(formatFigure), verdicts };
}
