// Small numeric helpers for the figures. Hand-written: nearest-rank percentiles and one
// line format are a few lines each, not worth a statistics dependency.

/** Nearest-rank percentile (p in [0, 100]) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

/** Rounds to a readable number of significant digits for a figure. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value);
  if (abs >= 10) return Math.round(value * 10) / 10;
  if (abs >= 1 || value === 0) return Math.round(value * 100) / 100;
  return Number(value.toPrecision(2));
}

/** Items per second for `count` items done in `ms` milliseconds. */
export function perSecond(count: number, ms: number): number {
  return ms <= 0 ? Number.POSITIVE_INFINITY : (count * 1000) / ms;
}

export interface Figure {
  name: string;
  unit: string;
  ours: number;
  peer?: number;
  target?: number;
}

/**
 * One line in the format of STYLE.md. The ratio is always ours ÷ peer: for throughput higher
 * is better, for latency and memory lower is better.
 */
export function formatFigure(f: Figure): string {
  const ours = `ours ${round(f.ours)} ${f.unit}`;
  if (f.peer !== undefined) {
    const ratio = f.peer === 0 ? 'n/a' : String(round(f.ours / f.peer));
    return `${f.name}: ${ours}, peer ${round(f.peer)} ${f.unit}, ratio ${ratio}`;
  }
  if (f.target !== undefined) return `${f.name}: ${ours}, target ${round(f.target)} ${f.unit}`;
  return `${f.name}: ${ours}`;
}
