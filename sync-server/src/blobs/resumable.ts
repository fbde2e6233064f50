import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { apiError } from '../errors';
import { blobExists, blobPath } from './blob-store';

/**
 * Resumable uploads for slow village links: a client sends the blob in pieces with
 * `Content-Range: bytes <start>-<end>/<total>`. Pieces append to BLOB_DIR/partial/<sha256>;
 * a piece must start where the partial file ends (the client asks `GET /blobs/:sha/upload`
 * after a break), so a repeated piece is harmless and a gap is refused. The last piece checks
 * the whole file against its SHA-256 and renames it into place.
 */
export interface ContentRange { start: number; end: number; total: number }

export function parseContentRange(header: string | undefined): ContentRange | null {
  if (!header) return null;
  const m = /^bytes (\d{1,12})-(\d{1,12})\/(\d{1,12})$/.exec(header.trim());
  if (!m) throw apiError('BAD_REQUEST', { reason: 'Content-Range must be "bytes start-end/total"' });
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total) throw apiError('BAD_REQUEST', { reason: 'Content-Range is out of order' });
  return { start, end, total };
}

const partialPath = (blobDir: string, sha: string) => join(blobDir, 'partial', sha);

/** How many bytes of an unfinished upload the server holds (the full size once complete). */
export async function receivedBytes(blobDir: string, sha: string): Promise<{ received: number; complete: boolean }> {
  if (await blobExists(blobDir, sha)) return { received: (await stat(blobPath(blobDir, sha))).size, complete: true };
  try {
    return { received: (await stat(partialPath(blobDir, sha))).size, complete: false };
  } catch {
    return { received: 0, complete: false };
  }
}

/** Appends one piece; returns the bytes held and whether the blob is now complete. */
export async function putPiece(blobDir: string, sha: string, range: ContentRange, data: Buffer, limit: number): Promise<{ received: number; complete: boolean }> {
  if (range.total > limit) throw apiError('BODY_TOO_LARGE');
  if (data.length !== range.end - range.start + 1) throw apiError('BAD_REQUEST', { reason: 'the body length does not match Content-Range' });
  const held = await receivedBytes(blobDir, sha);
  if (held.complete) return held;
  if (range.end < held.received) return held; // a piece the server already has
  if (range.start !== held.received) throw apiError('UPLOAD_OFFSET_MISMATCH', { received: held.received });
  const partial = partialPath(blobDir, sha);
  await mkdir(join(blobDir, 'partial'), { recursive: true });
  await appendFile(partial, data);
  if (range.end + 1 < range.total) return { received: range.end + 1, complete: false };
  const whole = await readFile(partial);
  if (createHash('sha256').update(whole).digest('hex') !== sha) {
    await unlink(partial).catch(() => undefined);
    throw apiError('HASH_MISMATCH');
  }
  await mkdir(join(blobPath(blobDir, sha), '..'), { recursive: true });
  await rename(partial, blobPath(blobDir, sha));
  return { received: whole.length, complete: true };
}
