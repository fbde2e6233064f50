// CPU time of the processes behind a push: the benchmark's own clients, the server process and
// the database server, read from /proc before and after the timed phase. It says where the
// machine's two cores went, which a throughput ratio alone does not: whether a side was bound
// by CPU or by waiting, and how much of the machine the required work per event takes.
// Hand-written: a few fields of /proc/<pid>/stat, documented in proc(5).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's time fields (sysconf(_SC_CLK_TCK); 100 on Linux in practice). */
let ticks: number | undefined;
function clockTicks(): number {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

export interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime of every thread of the process, in ticks. */
  own: number;
  /** cutime + cstime: children that exited and were waited for, in ticks. */
  children: number;
}

/**
 * Parses one /proc/<pid>/stat line. The command name (field 2) is in parentheses and may hold
 * spaces and parentheses itself, so the fields are counted from the last ')'.
 */
export function parseProcStat(text: string): ProcStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 1 || close < open) throw new Error('not a /proc/<pid>/stat line');
  const pid = Number(text.slice(0, open).trim());
  // After ") ": field 3 (state) is index 0, so field n is index n - 3.
  const f = text.slice(close + 2).trim().split(/\s+/);
  const field = (n: number): number => {
    const value = Number(f[n - 3]);
    if (!Number.isFinite(value)) throw new Error(`/proc/<pid>/stat field ${n} missing`);
    return value;
  };
  return { pid, ppid: field(4), own: field(14) + field(15), children: field(16) + field(17) };
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      out.push(parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // The process exited between the listing and the read.
    }
  }
  return out;
}

/**
 * CPU time, in clock ticks, of a process and everything under it: its own, its living
 * descendants' and that of the exited children it waited for (cutime). Between two readings the difference counts
 * every process that ran in between, also one that started and ended there (a PostgreSQL
 * backend or autovacuum worker ends up in the postmaster's cutime).
 */
export function treeCpuTicks(rootPid: number, stats: readonly ProcStat[]): number {
  const kids = new Map<number, ProcStat[]>();
  let root: ProcStat | undefined;
  for (const s of stats) {
    if (s.pid === rootPid) root = s;
    const list = kids.get(s.ppid);
    if (list) list.push(s); else kids.set(s.ppid, [s]);
  }
  if (!root) return Number.NaN;
  let total = root.children;
  const stack = [root];
  while (stack.length > 0) {
    const s = stack.pop()!;
    total += s.own;
    for (const k of kids.get(s.pid) ?? []) stack.push(k);
  }
  return total;
}

/** What a side's push runs on, besides the benchmark's own process. */
export interface CpuPids {
  /** The sync server's instances (ours) or pouchdb-server (the peer). */
  servers: readonly number[];
  /** A database server in its own processes (PostgreSQL's postmaster); none when the database lives in the server's process. */
  database?: number;
}

export interface CpuPerEvent {
  /** The benchmark's own process: the clients that push. Microseconds of CPU per event. */
  client: number;
  server: number;
  /** NaN when the database runs inside the server's process. */
  database: number;
}

interface Reading { client: number; server: number; database: number }

function read(pids: CpuPids): Reading {
  const stats = allStats();
  const usage = process.cpuUsage();
  const tick = 1e6 / clockTicks();
  return {
    client: usage.user + usage.system,
    server: pids.servers.reduce((sum, pid) => sum + treeCpuTicks(pid, stats), 0) * tick,
    database: pids.database === undefined ? Number.NaN : treeCpuTicks(pids.database, stats) * tick,
  };
}

/** Starts a reading; the returned function ends it and gives microseconds of CPU per event. */
export function startCpuReading(pids: CpuPids): (events: number) => CpuPerEvent {
  const before = read(pids);
  return (events) => {
    const after = read(pids);
    return {
      client: (after.client - before.client) / events,
      server: (after.server - before.server) / events,
      database: (after.database - before.database) / events,
    };
  };
}

/** Total CPU per event of a reading (a database inside the server counts as the server's). */
export function cpuTotal(cpu: CpuPerEvent): number {
  return cpu.client + cpu.server + (Number.isNaN(cpu.database) ? 0 : cpu.database);
}

/** "client 61 µs + server 196 µs + database 86 µs = 343 µs" (no database term when it runs in the server). */
export function describeCpu(cpu: CpuPerEvent): string {
  const parts = [`client ${Math.round(cpu.client)} µs`, `server ${Math.round(cpu.server)} µs`];
  if (!Number.isNaN(cpu.database)) parts.push(`database ${Math.round(cpu.database)} µs`);
  return `${parts.join(' + ')} = ${Math.round(cpuTotal(cpu))} µs`;
}

/**
 * The CPU per event the whole machine has at a given rate: every core busy all the time, so
 * cores × 1 s ÷ events per second. Nothing can go faster than this, whatever overlaps.
 */
export function cpuBudgetPerEvent(eventsPerSec: number, cores: number): number {
  return (cores * 1e6) / eventsPerSec;
}
