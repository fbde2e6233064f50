/**
 * Finding PostgreSQL's server programs and the OS user to run them as. Debian keeps
 * initdb and postgres out of PATH (/usr/lib/postgresql/<major>/bin), other systems put
 * them on PATH, so look in order: PG_BINDIR, `pg_config --bindir`, the Debian layout
 * (newest major first), PATH.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { which } from './which';

function hasServer(dir: string | undefined): dir is string {
  return !!dir && existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
}

function fromPgConfig(): string | undefined {
  const pgConfig = which('pg_config');
  if (!pgConfig) return undefined;
  try {
    return execFileSync(pgConfig, ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (_error) {
    return undefined;
  }
}

function fromDebianLayout(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((x, y) => Number(y) - Number(x))
    .map((v) => join(root, v, 'bin'));
}

/** The directory holding initdb and postgres, or null when PostgreSQL is not installed. */
export function findPostgresBinDir(): string | null {
  const onPath = which('initdb');
  const candidates = [process.env.PG_BINDIR, fromPgConfig(), ...fromDebianLayout(), onPath ? dirname(onPath) : undefined];
  return candidates.find(hasServer) ?? null;
}

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/**
 * PostgreSQL refuses to run as root. When the tests run as root (containers, CI), the
 * server runs as this user instead: PG_OS_USER, else `postgres` (made by the Debian package).
 * Returns null when the current user can run the server itself.
 */
export function serverOsUser(): OsUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const name = process.env.PG_OS_USER ?? 'postgres';
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) return { name, uid: -1, gid: -1 };
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** Why a PostgreSQL server cannot be started here (a reason to print when skipping), or null. */
export function postgresAvailable(): string | null {
  if (!findPostgresBinDir()) {
    return 'PostgreSQL server programs not found: apt-get install postgresql (or set PG_BINDIR)';
  }
  const user = serverOsUser();
  if (user && user.uid < 0) return `running as root and OS user "${user.name}" does not exist (set PG_OS_USER)`;
  return null;
}

/**
 * Where the server's temp dir goes. When the server runs as another OS user, that user must
 * be able to reach it: if TMPDIR sits under a private directory (say /root/tmp), use /tmp.
 */
export function serverTempParent(user: OsUser | null): string {
  const base = tmpdir();
  if (!user) return base;
  for (let dir = base; ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return '/tmp';
    if (dirname(dir) === dir) return base;
  }
}
