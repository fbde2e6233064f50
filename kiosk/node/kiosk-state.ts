// What a kiosk keeps on its own disk: its enrollment (device id, token, site), its key pair, and
// in web mode the replica key. A 0700 folder with 0600 files, written atomically. In Electron
// the replica key is sealed by safeStorage instead (electron-main/replica-key.ts); web mode has
// no OS keyring to ask, which is why it is for development and `chromium --kiosk` on a locked box.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const Enrollment = z.object({
  deviceId: z.string().min(1).max(64),
  token: z.string().min(16).max(512),
  siteId: z.string().min(1).max(64),
  regionCode: z.string().regex(/^\d{12}$/),
  serverUrl: z.string().max(500),
  enrolledAt: z.string().max(40),
});
export type Enrollment = z.infer<typeof Enrollment>;

export const defaultStateDir = (): string => process.env.ONETRIP_KIOSK_STATE_DIR ?? join(homedir(), '.local', 'state', 'onetrip-kiosk');

function writePrivate(file: string, data: string | Uint8Array): void {
  writeFileSync(`${file}.tmp`, data, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

export function openKioskState(dir = defaultStateDir()) {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const file = (name: string) => join(dir, name);
  return {
    dir,
    enrollment(): Enrollment | null {
      if (!existsSync(file('enrollment.json'))) return null;
      const parsed = Enrollment.safeParse(JSON.parse(readFileSync(file('enrollment.json'), 'utf8')));
      return parsed.success ? parsed.data : null;
    },
    saveEnrollment(e: Enrollment): void { writePrivate(file('enrollment.json'), JSON.stringify(Enrollment.parse(e))); },
    forgetEnrollment(): void { if (existsSync(file('enrollment.json'))) writePrivate(file('enrollment.json'), 'null'); },
    /** Web mode only: 32 random bytes made once. */
    webReplicaKey(): Uint8Array {
      const f = file('replica-key.bin');
      if (!existsSync(f)) writePrivate(f, randomBytes(32));
      return new Uint8Array(readFileSync(f));
    },
    privateKeyFile: file('device-key.pem'),
    savePrivateKey(pem: string): void { writePrivate(file('device-key.pem'), pem); },
  };
}
export type KioskState = ReturnType<typeof openKioskState>;
