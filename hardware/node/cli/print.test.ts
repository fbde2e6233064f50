// `onetrip-hw print` end to end: the real CLI as a child process against the simulator on
// TCP and on a socat pty pair.
import { execFile } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPtyPair, socatAvailable, tempDir, type TempDir } from '@onetrip/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseReceipt } from '../printer/fixtures/receipts';
import { startPrinterSimulator, type PrinterSimulator } from '../printer/simulator';

const BIN = join(fileURLToPath(new URL('.', import.meta.url)), '../../bin/onetrip-hw.mjs');

interface Run { code: number; stdout: string; stderr: string }

function cli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, 'print', ...args], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const noSocat = socatAvailable();
if (noSocat) console.log(`skipping the print CLI test over a pty: ${noSocat}`);

describe('onetrip-hw print', () => {
  let dir: TempDir;
  let sim: PrinterSimulator;
  let receipt: string;
  let spool: string;

  beforeEach(async () => {
    dir = await tempDir('print-cli');
    receipt = join(dir.path, 'receipt.json');
    spool = join(dir.path, 'spool');
    await writeFile(receipt, JSON.stringify(caseReceipt));
    sim = await startPrinterSimulator({ tcpPort: 0 });
  });
  afterEach(async () => {
    await sim.close();
    await dir.cleanup();
  });

  it('prints a receipt over TCP and writes the SVG preview', async () => {
    const svg = join(dir.path, 'preview.svg');
    const run = await cli(['--tcp', `127.0.0.1:${sim.tcpPort}`, '--receipt', receipt, '--spool', spool, '--svg', svg]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'printed', status: { ok: true, paper: 'ok' } });
    expect(sim.cuts()).toBe(1);
    expect(sim.lines().some((l) => l.text.includes('NX-2026-000123'))).toBe(true);
    expect((await readFile(svg, 'utf8')).startsWith('<svg')).toBe(true);
  });

  it('paper out: exit 1, the job stays in the spool, the error says what to do in zh and en', async () => {
    sim.setState({ paperOut: true });
    const run = await cli(['--tcp', `127.0.0.1:${sim.tcpPort}`, '--receipt', receipt, '--spool', spool]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ state: 'queued', error: { code: 'PRINTER_PAPER_OUT' } });
    expect(run.stderr).toContain('打印机缺纸，请联系工作人员');
    expect(run.stderr).toContain('Out of paper, please ask staff');
    expect(await readdir(spool)).toHaveLength(1);
    expect(sim.cuts()).toBe(0);
  });

  it('an invalid receipt file: exit 2 with the field named, in zh and en', async () => {
    await writeFile(receipt, JSON.stringify({ ...caseReceipt, qrPayload: '' }));
    const run = await cli(['--tcp', `127.0.0.1:${sim.tcpPort}`, '--receipt', receipt, '--spool', spool]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PRINTER_INVALID_RECEIPT');
    expect(run.stderr).toContain('回执内容不完整');
    expect(run.stderr).toContain('qrPayload');
    expect(sim.statusQueries()).toBe(0);
  });

  it('a device file that does not exist: exit 1, kept, told to check power and cable', async () => {
    const run = await cli(['--device', join(dir.path, 'no-such-lp0'), '--receipt', receipt, '--spool', spool]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PRINTER_UNREACHABLE');
    expect(run.stderr).toContain('请检查电源和数据线');
    expect(await readdir(spool)).toHaveLength(1);
  });

  it('bad arguments: exit 2 with usage', async () => {
    const run = await cli(['--receipt', receipt]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tcp, --port, --device');
    expect(run.stderr).toContain('用法 / usage');
  });

  it.skipIf(noSocat)('prints over a serial port (socat pty)', async () => {
    const pair = await createPtyPair();
    const ptySim = await startPrinterSimulator({ ptyPath: pair.a });
    try {
      const run = await cli(['--port', pair.b, '--receipt', receipt, '--spool', spool]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(ptySim.cuts()).toBe(1);
    } finally {
      await ptySim.close();
      await pair.close();
    }
  });
});
