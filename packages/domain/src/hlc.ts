import { z } from 'zod';
import { BugIndicatingError, DomainError } from './errors';
import { fnv1a32 } from './hash';

/**
 * Hybrid logical clock, serialised fixed-width so that string order is causal order:
 * `WWWWWWWWWWWWWWW-CCCCC-NNNNNNNN` = 15-digit wall time (ms), 5-digit counter, 8 hex digits
 * of the node id's hash (tie-break between nodes).
 */
export const HlcString = z.string().regex(/^\d{15}-\d{5}-[0-9a-f]{8}$/, 'HLC: WWWWWWWWWWWWWWW-CCCCC-NNNNNNNN');
export type HlcString = z.infer<typeof HlcString>;

export interface HlcTimestamp { wall: number; counter: number; node: string }

const MAX_COUNTER = 99_999;
export const DEFAULT_MAX_DRIFT_MS = 5 * 60_000;

export function nodeTagOf(nodeId: string): string {
  return fnv1a32(nodeId).toString(16).padStart(8, '0');
}

export function formatHlc(ts: HlcTimestamp): string {
  return `${String(ts.wall).padStart(15, '0')}-${String(ts.counter).padStart(5, '0')}-${ts.node}`;
}

export function parseHlc(text: string): HlcTimestamp {
  if (!HlcString.safeParse(text).success) {
    throw new DomainError('HLC_FORMAT', `时钟戳格式错误:${text.slice(0, 40)}`, `malformed hybrid logical clock: ${text.slice(0, 40)}`);
  }
  const [wall, counter, node] = text.split('-') as [string, string, string];
  return { wall: Number(wall), counter: Number(counter), node };
}

export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Hlc {
  /** A timestamp for a local event (send or write). */
  now(): string;
  /** Merge a timestamp seen on a remote event; returns the new local timestamp. */
  receive(remote: string): string;
  /** The last timestamp handed out, or null. */
  last(): string | null;
}

export interface HlcOptions { nodeId: string; now: () => number; maxDriftMs?: number }

function driftError(remoteWall: number, local: number, maxDriftMs: number): DomainError {
  const ahead = Math.round((remoteWall - local) / 1000);
  return new DomainError('HLC_DRIFT',
    `对方时钟比本机快 ${ahead} 秒,超过允许的 ${maxDriftMs / 1000} 秒,请校准设备时间`,
    `remote clock is ${ahead} s ahead of this device, more than the allowed ${maxDriftMs / 1000} s; please correct the device time`);
}

function overflowError(): DomainError {
  return new DomainError('HLC_COUNTER_OVERFLOW', '逻辑时钟计数溢出,请校准设备时间', 'logical clock counter overflow; please correct the device time');
}

/** Kulkarni et al.'s hybrid logical clock with injected wall clock and bounded drift. */
export function createHlc({ nodeId, now, maxDriftMs = DEFAULT_MAX_DRIFT_MS }: HlcOptions): Hlc {
  if (nodeId.length === 0) throw new BugIndicatingError('nodeId must not be empty');
  const node = nodeTagOf(nodeId);
  let wall = 0;
  let counter = 0;
  let issued = false;
  const physical = (): number => {
    const t = Math.floor(now());
    if (!Number.isSafeInteger(t) || t < 0) throw new BugIndicatingError(`clock returned ${t}`);
    return t;
  };
  const bump = (next: number, nextCounter: number): string => {
    if (nextCounter > MAX_COUNTER) throw overflowError();
    wall = next;
    counter = nextCounter;
    issued = true;
    return formatHlc({ wall, counter, node });
  };
  return {
    now() {
      const pt = physical();
      return pt > wall ? bump(pt, 0) : bump(wall, counter + 1);
    },
    receive(remoteText) {
      const remote = parseHlc(remoteText);
      const pt = physical();
      if (remote.wall - pt > maxDriftMs) throw driftError(remote.wall, pt, maxDriftMs);
      const next = Math.max(pt, wall, remote.wall);
      if (next === wall && next === remote.wall) return bump(next, Math.max(counter, remote.counter) + 1);
      if (next === wall) return bump(next, counter + 1);
      if (next === remote.wall) return bump(next, remote.counter + 1);
      return bump(next, 0);
    },
    last() {
      return issued ? formatHlc({ wall, counter, node }) : null;
    },
  };
}
