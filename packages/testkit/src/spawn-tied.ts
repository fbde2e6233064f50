/**
 * Spawns a helper process (socat, postgres) that cannot outlive the test process.
 *
 * Three layers, so no orphan is left behind:
 * 1. the helper's own `close()`/`stop()`, which waits for the exit;
 * 2. an exit cleanup (`exit-cleanup.ts`) that kills the child when the test process exits;
 * 3. on Linux, `setpriv --pdeathsig KILL` so the kernel kills the child even when the
 *    test process is SIGKILLed and no JavaScript runs at all.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { onProcessExit } from './exit-cleanup';
import { which } from './which';

export interface TiedProcess {
  child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True until the process has exited. */
  running(): boolean;
  /** Sends `signal`, waits up to `graceMs` for the exit, then SIGKILLs and waits again. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export interface TiedOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  uid?: number;
  gid?: number;
  /** Signal sent at process exit if the child still runs. Default SIGKILL. */
  exitSignal?: NodeJS.Signals;
}

const setpriv = process.platform === 'linux' ? which('setpriv') : null;

export function spawnTied(command: string, args: readonly string[], options: TiedOptions = {}): TiedProcess {
  const [file, argv] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', command, ...args]] : [command, [...args]];
  const spawnOptions: SpawnOptions = { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd };
  if (options.uid !== undefined) spawnOptions.uid = options.uid;
  if (options.gid !== undefined) spawnOptions.gid = options.gid;
  const child = spawn(file, argv, spawnOptions);
  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      resolve({ code, signal });
    });
    // A spawn failure (ENOENT, EACCES) emits 'error' and maybe no 'exit'.
    child.once('error', () => {
      if (child.pid === undefined) {
        hasExited = true;
        resolve({ code: null, signal: null });
      }
    });
  });
  const unregister = onProcessExit(() => {
    if (!hasExited) child.kill(options.exitSignal ?? 'SIGKILL');
  });
  void exited.then(unregister);

  const stop = async (signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> => {
    if (hasExited) return;
    child.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const outcome = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  };
  return { child, exited, running: () => !hasExited, stop };
}

/** Keeps the last `maxChars` characters a stream produced, for error messages. */
export function tailOf(stream: NodeJS.ReadableStream | null, maxChars = 4_000): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    text = (text + chunk).slice(-maxChars);
  });
  return () => text;
}
