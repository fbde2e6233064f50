// `onetrip-hw scan` end to end: the real CLI as a child process, the serial scanner simulator
// on the other end of a socat pty pair.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPtyPair, socatAvailable } from '@onetrip/testkit';
import { describe, expect, it } from 'vitest';
import { serialScannerSimulator } from '../scanner/simulator';
import { serialTransport } from '../scanner/transport';

const BIN = join(fileURLToPath(new URL('.', import.meta.url)), '../../bin/onetrip-hw.mjs');
const noSocat = socatAvailable();
if (noSocat) console.log(`skipping the scan CLI test that needs a pty: ${noSocat}`);

/** Run the CLI; `onStderr` sees stderr as it grows (to act once the scanner is ready). */
function cli(args: string[], onStderr?: (text: string) => void) {
  const child = spawn(process.execPath, [BIN, 'scan', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += String(d); });
  child.stderr.on('data', (d) => { stderr += String(d); onStderr?.(stderr); });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('onetrip-hw scan', () => {
  it.skipIf(Boolean(noSocat))('prints each scanned code as a JSON line', async () => {
    const pair = await createPtyPair();
    const sim = serialScannerSimulator(await serialTransport(pair.b)(), 'cr');
    try {
      let scanned = false;
      const out = await cli(['--port', pair.a, '--suffix', 'cr', '--count', '2', '--timeout', '20'], (err) => {
        if (scanned || !err.includes('scanner ready')) return;
        scanned = true;
        void sim.scan('R-2026-000123').then(() => sim.scan('回执-42')).then(() => sim.scan('not printed: past --count')).catch(() => undefined);
      });
      expect(out.code).toBe(0);
      const lines = out.stdout.trim().split('\n').map((l) => JSON.parse(l) as { code: string });
      expect(lines.map((l) => l.code)).toEqual(['R-2026-000123', '回执-42']);
    } finally {
      await sim.close();
      await pair.close();
    }
  });

  it('explains bad arguments and a missing port in Chinese and English', async () => {
    const bad = await cli(['--hid', '--port', '/dev/null']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('give exactly one of --port or --hid');
    const missing = await cli(['--port', '/nonexistent/ttyACM9', '--timeout', '5']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/扫码器已断开.*scanner is disconnected/);
  });
});
