// Optional CPU profile of a page's sync (BENCH_REPLICA_PROFILE=1): Chrome's sampling profiler
// over CDP, summarised as the functions with the most self time, to say where the main-thread
// time goes. Off by default: profiling slows the page, so profiled runs are not figures.
import { writeFile } from 'node:fs/promises';
import type { ChromiumSession } from '@onetrip/testkit';

type Page = Awaited<ReturnType<ChromiumSession['context']['newPage']>>;

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }

/** Self time per function (ms), largest first; `limit` entries. */
export function topSelfTime(profile: Profile, limit: number): { name: string; ms: number }[] {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) byNode.set(samples[i] as number, (byNode.get(samples[i] as number) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = byNode.get(node.id) ?? 0;
    if (ms === 0) continue;
    const f = node.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? `${f.url.split('/').pop()}:${f.lineNumber + 1}` : ''}`.trim();
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  return [...byName.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms).slice(0, limit);
}

/** Starts profiling the page; the returned function stops, keeps the raw profile in `file` (open it in Chrome's DevTools) and summarises. */
export async function startProfile(page: Page, file: string): Promise<() => Promise<{ name: string; ms: number }[]>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    await cdp.detach();
    await writeFile(file, JSON.stringify(profile));
    return topSelfTime(profile as Profile, 15);
  };
}
