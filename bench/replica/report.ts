// The figures of the replica benchmark, in the line format of STYLE.md (sync/stats formats them).
import { formatFigure, perSecond, round } from '../sync/stats';
import type { ReplicaBenchConfig } from './config';
import type { SyncResult } from './result';

export interface ReplicaFigures {
  lines: string[];
  /** Plain-language verdicts against the targets, for stderr and the docs. */
  verdicts: string[];
}

export function buildReplicaFigures(cfg: ReplicaBenchConfig, ours: SyncResult, peer: SyncResult): ReplicaFigures {
  const oursRate = perSecond(ours.count, ours.ms);
  const peerRate = perSecond(peer.count, peer.ms);
  const lines = [
    formatFigure({ name: `replica catch-up ${cfg.docs} docs in Chromium (time)`, unit: 's', ours: ours.ms / 1000, peer: peer.ms / 1000 }),
    formatFigure({ name: 'replica catch-up in Chromium (throughput)', unit: 'docs/s', ours: oursRate, peer: peerRate }),
    ...(ours.projectedMs === undefined ? [] : [
      formatFigure({ name: 'replica catch-up in Chromium with every case projected (time)', unit: 's', ours: ours.projectedMs / 1000, peer: peer.ms / 1000 }),
    ]),
    formatFigure({ name: 'replica longest main-thread task while syncing', unit: 'ms', ours: ours.longTasks.longestMs, target: cfg.targetLongestTaskMs }),
    formatFigure({ name: 'replica peer longest main-thread task while syncing', unit: 'ms', ours: peer.longTasks.longestMs, target: cfg.targetLongestTaskMs }),
  ];
  const speedup = peer.ms / ours.ms;
  const projected = ours.projectedMs === undefined ? undefined : peer.ms / ours.projectedMs;
  const verdicts = [
    `speed: ours is ${round(speedup)}× the peer's (target ≥ ${cfg.targetRatio}×): ${speedup >= cfg.targetRatio ? 'met' : 'NOT met'}`
      + (projected === undefined ? '' : `; with every case projected ${round(projected)}×`),
    `responsiveness: ours' longest task ${round(ours.longTasks.longestMs)} ms, ${ours.longTasks.count} long tasks, ${round(ours.longTasks.totalMs)} ms in all (target < ${cfg.targetLongestTaskMs} ms): ${ours.longTasks.longestMs < cfg.targetLongestTaskMs ? 'met' : 'NOT met'}`,
    `peer: longest task ${round(peer.longTasks.longestMs)} ms, ${peer.longTasks.count} long tasks, ${round(peer.longTasks.totalMs)} ms in all`,
  ];
  return { lines, verdicts };
}
