// The persistent print queue: one JSON file per job in a spool directory, written (and
// fsynced) before a byte goes to the printer and removed only after a confirmed print, so a
// receipt survives paper-out, an unplugged cable and a restart of the process.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const SpoolJob = z.object({
  version: z.literal(1),
  jobId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
  createdAt: z.number().int(),
  /** what it is, for staff and logs — no personal data */
  label: z.string().max(120),
  /** ESC/POS bytes, base64 */
  bytes: z.string().max(16 * 1024 * 1024),
  attempts: z.number().int().min(0),
});
export type SpoolJob = z.infer<typeof SpoolJob>;

export interface Spool {
  add(job: Omit<SpoolJob, 'version' | 'attempts'>): Promise<SpoolJob>;
  list(): Promise<SpoolJob[]>;
  update(job: SpoolJob): Promise<void>;
  remove(jobId: string): Promise<void>;
}

/** Sortable by time, unique across processes: 13-digit ms, then random. */
export const newJobId = (nowMs: number): string =>
  `${String(nowMs).padStart(13, '0')}-${randomBytes(6).toString('hex')}`;

async function writeDurably(dir: string, name: string, text: string): Promise<void> {
  const tmp = join(dir, `.${name}.tmp`);
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, join(dir, name));
  const dh = await open(dir, 'r');
  try {
    await dh.sync();
  } finally {
    await dh.close();
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createSpool(dir: string): Spool {
  const ready = mkdir(dir, { recursive: true });
  const file = (jobId: string): string => `${jobId}.json`;
  const write = async (job: SpoolJob): Promise<void> => {
    await ready;
    await writeDurably(dir, file(job.jobId), JSON.stringify(job));
  };
  return {
    async add(job) {
      const full: SpoolJob = { version: 1, attempts: 0, ...job };
      await write(full);
      return full;
    },
    update: write,
    async list() {
      await ready;
      const names = (await readdir(dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
      const jobs: SpoolJob[] = [];
      for (const name of names) {
        const parsed = SpoolJob.safeParse(parseJson(await readFile(join(dir, name), 'utf8').catch(() => '')));
        if (parsed.success) jobs.push(parsed.data);
        // A damaged file is kept aside for staff, never silently deleted.
        else await rename(join(dir, name), join(dir, `${name}.bad`)).catch(() => undefined);
      }
      return jobs.sort((a, b) => a.createdAt - b.createdAt || a.jobId.localeCompare(b.jobId));
    },
    async remove(jobId) {
      await rm(join(dir, file(jobId)), { force: true });
    },
  };
}
