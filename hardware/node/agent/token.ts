// The per-boot token: random, generated at every start, written to a 0600 file in the state
// dir (0700) so only the same OS user (the kiosk) can read it, and compared in constant time.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface AgentToken {
  value: string;
  file: string;
  matches(candidate: string | undefined | null): boolean;
}

export async function createToken(stateDir: string): Promise<AgentToken> {
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const value = randomBytes(32).toString('base64url');
  const file = join(stateDir, 'agent-token');
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  await chmod(file, 0o600); // writeFile keeps an existing file's mode
  const expected = Buffer.from(value);
  return {
    value,
    file,
    matches(candidate) {
      if (typeof candidate !== 'string') return false;
      const got = Buffer.from(candidate);
      return got.length === expected.length && timingSafeEqual(got, expected);
    },
  };
}
