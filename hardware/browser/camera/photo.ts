// Photo helpers for material photos: crop a region out of a video frame and compress it to a
// JPEG under a size bound by lowering quality, then scale, step by step (compressionPlan).
import { compressionPlan, type CompressionOptions } from './compression-plan';

/** A crop rectangle in fractions of the frame (0–1), so it survives resolution changes. */
export interface CropRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type FrameSource = HTMLVideoElement | HTMLCanvasElement | ImageBitmap;

function sourceSize(src: FrameSource): { w: number; h: number } {
  if (src instanceof HTMLVideoElement) return { w: src.videoWidth, h: src.videoHeight };
  return { w: src.width, h: src.height };
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}

/** Draw the cropped region of a frame onto a new canvas at its native resolution. */
export function cropFrame(src: FrameSource, crop: CropRect = { x: 0, y: 0, width: 1, height: 1 }): HTMLCanvasElement {
  const { w, h } = sourceSize(src);
  const sx = Math.round(clamp01(crop.x) * w);
  const sy = Math.round(clamp01(crop.y) * h);
  const sw = Math.max(1, Math.min(w - sx, Math.round(clamp01(crop.width) * w)));
  const sh = Math.max(1, Math.min(h - sy, Math.round(clamp01(crop.height) * h)));
  const canvas = document.createElement('canvas');
  canvas.width = sw;
  canvas.height = sh;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('2d canvas unavailable');
  ctx.drawImage(src, sx, sy, sw, sh, 0, 0, sw, sh);
  return canvas;
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed'))), 'image/jpeg', quality));
}

function scaled(src: HTMLCanvasElement, width: number, height: number): HTMLCanvasElement {
  if (width === src.width && height === src.height) return src;
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('2d canvas unavailable');
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, 0, 0, width, height);
  return c;
}

export interface CompressedPhoto {
  blob: Blob;
  width: number;
  height: number;
  quality: number;
  attempts: number;
}

export class PhotoTooLargeError extends Error {
  readonly code = 'PHOTO_TOO_LARGE';
  readonly zh = '照片无法压缩到规定大小，请重新拍摄';
  readonly en = 'The photo cannot be made small enough; please take it again';
  constructor() {
    super('照片无法压缩到规定大小，请重新拍摄 / The photo cannot be made small enough; please take it again');
  }
}

/** Compress to JPEG under `maxBytes`, trying the plan's steps in order. */
export async function compressToJpeg(canvas: HTMLCanvasElement, options: CompressionOptions): Promise<CompressedPhoto> {
  let attempts = 0;
  let current: HTMLCanvasElement | undefined;
  for (const step of compressionPlan(canvas.width, canvas.height, options)) {
    if (!current || current.width !== step.width || current.height !== step.height) current = scaled(canvas, step.width, step.height);
    attempts++;
    const blob = await toJpeg(current, step.quality);
    if (blob.size <= options.maxBytes) return { blob, width: step.width, height: step.height, quality: step.quality, attempts };
  }
  throw new PhotoTooLargeError();
}
