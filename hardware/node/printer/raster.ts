// A decoded raster image as RGBA pixels (for QR decoding in tests and PNG dumps), with a
// white quiet zone around it.
import type { EscPosOp } from '../../common/printer';

export type RasterImage = Extract<EscPosOp, { op: 'image' }>;

export function rasterToRgba(img: RasterImage, margin = 8): { data: Uint8ClampedArray; width: number; height: number } {
  const width = img.width + margin * 2;
  const height = img.height + margin * 2;
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  const rowBytes = Math.ceil(img.width / 8);
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const black = ((img.data[y * rowBytes + (x >> 3)] ?? 0) & (0x80 >> (x & 7))) !== 0;
      if (!black) continue;
      const at = ((y + margin) * width + (x + margin)) * 4;
      data[at] = data[at + 1] = data[at + 2] = 0;
    }
  }
  return { data, width, height };
}

/** Share of black dots, to tell an image with content from a blank one. */
export function inkRatio(img: RasterImage): number {
  let ones = 0;
  for (const b of img.data) for (let k = 0; k < 8; k++) ones += (b >> k) & 1;
  return ones / Math.max(1, img.width * img.height);
}
