import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createReadStream, type ReadStream } from 'node:fs';
import { join } from 'node:path';

/**
 * Blobs live on disk, content-addressed: BLOB_DIR/ab/cd/<sha256>. A write goes to a temp file
 * in BLOB_DIR/tmp and is renamed into place, so a reader never sees half a file, and a repeat
 * upload of the same content is a no-op. Disk rather than the database keeps multi-megabyte
 * photos out of WAL, backups of the DB small, and reads streamed; several instances share one
 * BLOB_DIR (a shared volume), and a backup copies the folder (files never change).
 */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

export function blobPath(blobDir: string, sha256: string): string {
  return join(blobDir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export async function blobExists(blobDir: string, sha256: string): Promise<boolean> {
  try {
    return (await stat(blobPath(blobDir, sha256))).isFile();
  } catch {
    return false;
  }
}

/** Writes the blob if it is not there yet; returns false when it already was. */
export async function putBlob(blobDir: string, sha256: string, data: Buffer): Promise<boolean> {
  if (await blobExists(blobDir, sha256)) return false;
  const tmpDir = join(blobDir, 'tmp');
  const target = blobPath(blobDir, sha256);
  await mkdir(tmpDir, { recursive: true });
  await mkdir(join(target, '..'), { recursive: true });
  const tmp = join(tmpDir, `${sha256}.${randomBytes(6).toString('hex')}`);
  try {
    await writeFile(tmp, data, { flag: 'wx' });
    await rename(tmp, target);
  } catch (err) {
    await unlink(tmp).catch(() => undefined);
    throw err;
  }
  return true;
}

export function readBlob(blobDir: string, sha256: string): ReadStream {
  return createReadStream(blobPath(blobDir, sha256));
}
