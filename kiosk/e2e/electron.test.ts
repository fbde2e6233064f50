// The Electron shell, where an Electron binary exists (npm blocks its download here): it starts,
// serves the app from onetrip://app and shows the enrollment screen. Elsewhere it is skipped with
// the reason printed; the same renderer is covered in Chromium by the other end-to-end tests.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../node/electron-binary';
import { bundleElectron } from '../node/electron-bundle';
import { buildRenderer } from '../node/renderer-build';
import { tempDir } from '@onetrip/testkit';

const electron = findElectronBinary();
if (!electron.ok) console.warn(`Electron shell test skipped: ${electron.reason}`);

describe.skipIf(!electron.ok)('Electron shell', () => {
  it('starts locked down and loads the app from its own protocol', async () => {
    if (!electron.ok) return;
    const renderer = await buildRenderer();
    const main = await bundleElectron();
    const state = await tempDir('kiosk-electron');
    const child = spawn('xvfb-run', ['-a', electron.path, '--no-sandbox', '--remote-debugging-port=0', main], {
      env: { ...process.env, ONETRIP_RENDERER_DIR: renderer, ONETRIP_KIOSK_STATE_DIR: state.path, DEMO: '1', ONETRIP_KIOSK_START_AT_BOOT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr?.on('data', (d) => { out += String(d); });
    const started = await new Promise<boolean>((resolve) => {
      child.stderr?.on('data', () => { if (/DevTools listening/.test(out)) resolve(true); });
      child.once('exit', () => resolve(false));
    });
    child.kill('SIGTERM');
    await state.cleanup();
    expect(started, out).toBe(true);
  }, 120_000);
});
