/**
 * A pair of connected pseudo-terminals made by socat: bytes written to one end come out
 * of the other, exactly like a null-modem cable. Serial device simulators sit on one end,
 * the driver under test opens the other.
 */
import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { TestkitError } from './errors';
import { spawnTied, type TiedProcess } from './spawn-tied';
import { tempDir, type TempDir } from './temp-dir';
import { waitFor } from './wait-for';
import { which } from './which';

export interface PtyPair {
  /** Path of one end (a symlink to /dev/pts/N); open it like a serial port. */
  a: string;
  /** Path of the other end. */
  b: string;
  /** Stops socat and removes the links. Safe to call twice. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** How long to wait for socat to set up both ends. Default 10 000 ms. */
  timeoutMs?: number;
}

/** Where socat is, or null: SOCAT_PATH, else `socat` on PATH. */
export function socatPath(): string | null {
  return which(process.env.SOCAT_PATH ?? 'socat');
}

/** Why pty pairs cannot be made here (a reason to print when skipping), or null when they can. */
export function socatAvailable(): string | null {
  if (process.platform === 'win32') return 'pseudo-terminals need Linux or macOS';
  return socatPath() ? null : 'socat not found: apt-get install socat (or set SOCAT_PATH)';
}

export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const socat = socatPath();
  if (!socat) {
    throw new TestkitError('TESTKIT_SOCAT_MISSING', {
      zh: '找不到 socat，请安装（apt-get install socat）或设置 SOCAT_PATH',
      en: 'socat not found: install it (apt-get install socat) or set SOCAT_PATH',
    });
  }
  const dir = await tempDir('pty');
  const a = join(dir.path, 'a');
  const b = join(dir.path, 'b');
  const proc = spawnTied(socat, ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`]);
  const close = closer(proc, dir);
  try {
    await socatReady(proc, options.timeoutMs ?? 10_000);
    // socat makes the links before it starts the transfer loop; check, don't assume.
    await waitFor(async () => (await lstat(a)).isSymbolicLink() && (await lstat(b)).isSymbolicLink(), {
      timeoutMs: 2_000,
      description: 'socat pty links',
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { a, b, close };
}

function closer(proc: TiedProcess, dir: TempDir): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => {
    done ??= (async () => {
      await proc.stop('SIGTERM', 3_000);
      await dir.cleanup();
    })();
    return done;
  };
}

/** Resolves when socat's stderr says both PTYs are open and the transfer loop runs. */
function socatReady(proc: TiedProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const fail = (en: string, zh: string): void => {
      clearTimeout(timer);
      reject(new TestkitError('TESTKIT_SOCAT_FAILED', { zh: `${zh}\n${log}`, en: `${en}\n${log}` }));
    };
    const timer = setTimeout(() => fail(`socat not ready after ${timeoutMs} ms`, `socat 在 ${timeoutMs} 毫秒内未就绪`), timeoutMs);
    proc.child.stderr?.setEncoding('utf8');
    proc.child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      // Look at the whole log: a line may arrive split over two chunks.
      const ptys = (log.match(/ PTY is /g) ?? []).length;
      if (ptys >= 2 && log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.child.once('error', (error) => fail(`socat could not start: ${error.message}`, `socat 无法启动：${error.message}`));
    void proc.exited.then(({ code, signal }) =>
      fail(`socat exited early (code ${code}, signal ${signal})`, `socat 提前退出（退出码 ${code}，信号 ${signal}）`),
    );
  });
}
