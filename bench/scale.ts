/** BENCH_SCALE, shared by the benchmarks that can run smaller: unset = full size, else a number in (0, 1]. */
export function parseScale(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1) {
    throw new Error(`BENCH_SCALE 必须是 (0, 1] 之间的数 / BENCH_SCALE must be a number in (0, 1], got "${raw}"`);
  }
  return scale;
}
