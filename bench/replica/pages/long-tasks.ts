// Main-thread long tasks ('longtask' entries: tasks over 50 ms) seen while a sync runs.
// Registered when the page loads, before anything starts, so no task of the sync is missed.

import type { LongTaskSummary } from '../result';

const entries: PerformanceEntry[] = [];
export const longTasksSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
if (longTasksSupported) {
  new PerformanceObserver((list) => { entries.push(...list.getEntries()); }).observe({ type: 'longtask', buffered: true });
}

/** The long tasks that overlapped [fromMs, toMs] (performance.now() times). */
export function longTasksBetween(fromMs: number, toMs: number): LongTaskSummary {
  const inside = entries.filter((e) => e.startTime + e.duration >= fromMs && e.startTime <= toMs);
  const longest = inside.reduce<PerformanceEntry | undefined>((max, e) => (max && max.duration >= e.duration ? max : e), undefined);
  return {
    longestMs: longest?.duration ?? 0,
    longestAtMs: longest ? longest.startTime - fromMs : 0,
    count: inside.length,
    totalMs: inside.reduce((sum, e) => sum + e.duration, 0),
  };
}

/** The pause between two checks of the local count (the caller bounds the loop by time). */
export function nextPoll(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
