// A socat pseudo-terminal pair for simulated serial devices in demo mode: the simulator sits
// on one end, the real driver opens the other, exactly as it would open /dev/ttyUSB0.
// (@onetrip/testkit has a similar helper, but testkit is for tests only; the agent ships this.)
// The links have fixed names, so a driver that reopens its path finds a re-created pair —
// that is how "unplug / replug" is exercised.
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';

export interface PtyPair {
  /** The driver's end (a symlink to /dev/pts/N). */
  devicePath: string;
  /** The simulator's end. */
  simulatorPath: string;
  close(): Promise<void>;
}

export class PtyPairError extends Error {
  readonly code = 'PTY_PAIR_FAILED';
  constructor(en: string, zh: string) {
    super(`${zh} / ${en}`);
  }
}

function waitForSocat(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const done = (err?: Error) => { clearTimeout(timer); child.stderr?.removeAllListeners('data'); child.removeListener('exit', onExit); if (err) reject(err); else resolve(); };
    const onExit = (code: number | null) => done(new PtyPairError(`socat exited (${code}) before it was ready: ${log}`, `socat 启动失败（${code}）`));
    const timer = setTimeout(() => done(new PtyPairError(`socat not ready after ${timeoutMs} ms: ${log}`, `socat 在 ${timeoutMs} 毫秒内未就绪`)), timeoutMs);
    child.once('exit', onExit);
    child.once('error', (err) => done(new PtyPairError(`cannot start socat (${err.message}); install it with apt-get install socat`, '无法启动 socat，请安装 socat')));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      log += chunk;
      if (log.includes('starting data transfer loop')) done();
    });
  });
}

/** Start `socat` with two linked ptys at the given paths (existing links are replaced). */
export async function startPtyPair(devicePath: string, simulatorPath: string, timeoutMs = 10_000): Promise<PtyPair> {
  await Promise.all([rm(devicePath, { force: true }), rm(simulatorPath, { force: true })]);
  const child = spawn(process.env.SOCAT_PATH ?? 'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${devicePath}`, `pty,raw,echo=0,link=${simulatorPath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await waitForSocat(child, timeoutMs);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  child.stderr?.resume();
  let closing: Promise<void> | undefined;
  return {
    devicePath,
    simulatorPath,
    close() {
      closing ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
        await Promise.all([rm(devicePath, { force: true }), rm(simulatorPath, { force: true })]);
      })();
      return closing;
    },
  };
}
