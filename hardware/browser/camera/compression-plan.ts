// The order in which photo compression tries (scale, quality) pairs: first lower the JPEG
// quality at full size, then shrink the picture step by step and try again — text on a
// document stays readable longer when the picture keeps its size. Pure, so it is tested alone.

export interface CompressionOptions {
  /** Upper bound for the JPEG in bytes. */
  maxBytes: number;
  /** Qualities tried at each size, best first. */
  qualities?: readonly number[];
  /** Factor applied to width and height after every quality was too big. */
  scaleStep?: number;
  /** Never shrink the longer side below this (pixels). */
  minLongSide?: number;
  /** Start by fitting the longer side into this (pixels). */
  maxLongSide?: number;
}

export interface CompressionStep {
  width: number;
  height: number;
  quality: number;
}

export const COMPRESSION_DEFAULTS = { qualities: [0.92, 0.85, 0.75, 0.62, 0.5], scaleStep: 0.8, minLongSide: 320, maxLongSide: 2400 } as const;

export function* compressionPlan(width: number, height: number, options: CompressionOptions): Generator<CompressionStep> {
  const { qualities, scaleStep, minLongSide, maxLongSide } = { ...COMPRESSION_DEFAULTS, ...options };
  const long = Math.max(width, height);
  let scale = Math.min(1, maxLongSide / long);
  for (;;) {
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    for (const quality of qualities) yield { width: w, height: h, quality };
    if (Math.max(w, h) * scaleStep < minLongSide) return;
    scale *= scaleStep;
  }
}
