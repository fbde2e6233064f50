// `onetrip-hw read-card` end to end: the real CLI as a child process, the simulator on the
// other end of a socat pty pair.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPtyPair, socatAvailable, tempDir } from '@onetrip/testkit';
import type { PtyPair } from '@onetrip/testkit';
import { describe, expect, it } from 'vitest';
import { DEMO_CARDS, fakeWlt, toBase64 } from '../../common/idcard';
import { startIdCardSimulator } from '../idcard/simulator';
import type { IdCardSimulator } from '../idcard/simulator';

const BIN = join(fileURLToPath(new URL('.', import.meta.url)), '../../bin/onetrip-hw.mjs');

interface Run { code: number; stdout: string; stderr: string }

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'read-card', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const noSocat = socatAvailable();
if (noSocat) console.log(`skipping the read-card CLI tests that need a pty: ${noSocat}`);

/** A simulator on a fresh pty pair for one test; `use` gets the driver-side path. */
async function withReader<T>(use: (path: string, sim: IdCardSimulator) => Promise<T>): Promise<T> {
  const pair: PtyPair = await createPtyPair();
  const sim = await startIdCardSimulator({ path: pair.b, authMs: 50 });
  try {
    return await use(pair.a, sim);
  } finally {
    await sim.close();
    await pair.close();
  }
}

// Each test spawns its own CLI (most of the time is loading TypeScript through tsx), so they
// run concurrently, each on its own pty pair.
describe.concurrent('onetrip-hw read-card', () => {
  it.skipIf(noSocat)('prints the identity of the card on the reader as JSON', async () => {
    const run = await withReader((path, sim) => { sim.placeCard(0); return cli(['--port', path, '--json', '--timeout', '20']); });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const identity = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(identity).toMatchObject({
      cardType: 'resident', name: '周秀英', sex: { code: '2', name: '女' }, nation: { code: '01', name: '汉' },
      birthDate: '1956-03-12', idNumber: DEMO_CARDS[0]?.idNumber, issuer: '宁乡市公安局', validFrom: '2016-05-20', validTo: '长期',
      photo: toBase64(fakeWlt(DEMO_CARDS[0]?.idNumber ?? '')),
    });
  });

  it.skipIf(noSocat)('prints a short summary with a masked ID number without --json', async () => {
    const run = await withReader((path, sim) => { sim.placeCard(1); return cli(['--port', path]); });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('刘建军');
    expect(run.stdout).toContain('430182********3554');
  });

  it('fails with exit 3 and a bilingual message when the port is absent', async () => {
    const dir = await tempDir('idcard-cli');
    const run = await cli(['--port', join(dir.path, 'no-such-reader'), '--timeout', '5']);
    await dir.cleanup();
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('IDCARD_PORT_OPEN_FAILED');
    expect(run.stderr).toContain('无法打开身份证阅读器端口');
    expect(run.stderr).toContain('cannot open the ID-card reader port');
  });

  it.skipIf(noSocat)('fails with exit 4 when the reader cannot authenticate the card', async () => {
    const run = await withReader((path, sim) => {
      for (let i = 0; i < 3; i++) sim.inject({ kind: 'auth-failure', sw3: 0x31 });
      sim.placeCard(0);
      return cli(['--port', path, '--json', '--timeout', '20']);
    });
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stderr)).toMatchObject({ code: 'IDCARD_AUTH_FAILED', message: { zh: expect.stringContaining('认证失败'), en: expect.stringContaining('authenticated') } });
  });

  it.skipIf(noSocat)('fails with exit 5 when no card comes before the timeout', async () => {
    const run = await withReader((path) => cli(['--port', path, '--timeout', '1']));
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('IDCARD_TIMEOUT');
  });

  it('fails with exit 2 and the usage on bad arguments', async () => {
    const run = await cli(['--baud', '12345', '--port', '/dev/null']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage');
  });
});
