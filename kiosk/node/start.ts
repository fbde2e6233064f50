// `npm start -w kiosk` (and the kiosk service of the root `npm start`): build the renderer if its
// output is stale, then run the kiosk in Electron where its binary exists, else in web mode —
// the same renderer served on loopback for `chromium --kiosk`, talking to the standalone agent.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { KioskRuntimeConfig } from '../common/bridge';
import { findElectronBinary } from './electron-binary';
import { bundleElectron } from './electron-bundle';
import { enrollKiosk } from './enrollment';
import { createPinGate } from '../common/pin-gate';
import { DEMO_MAINTENANCE_PIN, loadKioskConfig, type LoadedKioskConfig } from './kiosk-config';
import { openKioskState } from './kiosk-state';
import { runtimeConfig } from './runtime-config';
import { buildRenderer } from './renderer-build';
import { startWebServer } from './web-server';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function readAgentToken(config: LoadedKioskConfig): Promise<string | undefined> {
  const file = config.agentTokenFile ?? join(homedir(), '.local', 'state', 'onetrip-hw', 'agent-token');
  return (await readFile(file, 'utf8').catch(() => ''))?.trim() || undefined;
}

async function runWeb(config: LoadedKioskConfig, rendererDir: string, why: string): Promise<void> {
  const state = openKioskState();
  // one gate for the life of the host: reloading the page does not reset the lockout
  const pinGate = createPinGate({ pin: config.maintenancePin ?? null, now: () => Date.now() });
  const server = await startWebServer({
    rootDir: rendererDir, host: config.host, port: config.port,
    // Read per request: the agent makes a new token at every start, and enrollment may happen any time.
    config: async (): Promise<KioskRuntimeConfig> => {
      const token = await readAgentToken(config);
      return runtimeConfig(config, state, { mode: 'web', replicaKey: state.webReplicaKey(), ...(token ? { agent: { url: config.agentUrl, token } } : {}) });
    },
    enroll: async (code) => {
      const e = await enrollKiosk({ serverUrl: config.serverUrl, code, state });
      return { deviceId: e.deviceId, siteId: e.siteId };
    },
    checkPin: (pin) => pinGate.check(pin),
  });
  log(`kiosk in web mode (${why}) / 自助终端以网页模式运行`);
  log(`kiosk: ${server.url}  — open with: chromium --kiosk ${server.url}`);
  if (config.maintenancePin === DEMO_MAINTENANCE_PIN) log(`  维护模式 / maintenance: tap the top-right corner of the attract screen 5 times, PIN ${DEMO_MAINTENANCE_PIN} (demo only)`);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function runElectron(binary: string, rendererDir: string): Promise<void> {
  const mainFile = await bundleElectron();
  log(`kiosk in Electron: ${binary}`);
  const child = spawn(binary, [mainFile], { stdio: 'inherit', env: { ...process.env, ONETRIP_RENDERER_DIR: rendererDir } });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

async function main(): Promise<void> {
  const config = loadKioskConfig(process.env);
  const rendererDir = await buildRenderer({ log });
  const electron = findElectronBinary();
  if (config.webOnly) return runWeb(config, rendererDir, 'ONETRIP_KIOSK_WEB=1');
  if (!electron.ok) return runWeb(config, rendererDir, `no Electron binary: ${electron.reason}`);
  return runElectron(electron.path, rendererDir);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
