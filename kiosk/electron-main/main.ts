// The kiosk's Electron main process, kept thin: a locked-down full-screen window, the app served
// from `onetrip://app/` with a path check, the hardware agent behind the typed bridge, the
// renderer watchdog, and the replica key from safeStorage. Everything else lives in the renderer,
// the agent and the pure modules beside this file, which are tested in Node and Chromium.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveAppFile } from '../node/app-files';
import { enrollKiosk } from '../node/enrollment';
import { startKioskAgent } from '../node/kiosk-agent';
import { loadKioskConfig } from '../node/kiosk-config';
import { openKioskState } from '../node/kiosk-state';
import { runtimeConfig } from '../node/runtime-config';
import { createPinGate, isPinAttempt } from '../common/pin-gate';
import { APP_ORIGIN, APP_SCHEME, allowIpcSender, allowNavigation, allowPermission, isBlockedShortcut } from './policy';
import { loadReplicaKey } from './replica-key';
import { createWatchdog } from './watchdog';

const config = loadKioskConfig(process.env);
const state = openKioskState();
const pinGate = createPinGate({ pin: config.maintenancePin ?? null, now: () => Date.now() });
const rendererDir = process.env.ONETRIP_RENDERER_DIR ?? join(__dirname, '..', 'renderer');

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
if (!app.requestSingleInstanceLock()) app.quit();
app.setLoginItemSettings({ openAtLogin: config.startAtBoot });

function lockDown(win: BrowserWindow): void {
  const contents = win.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (e, url) => { if (!allowNavigation(url)) e.preventDefault(); });
  contents.on('will-redirect', (e, url) => { if (!allowNavigation(url)) e.preventDefault(); });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  if (!config.devTools) {
    contents.on('before-input-event', (e, input) => { if (isBlockedShortcut(input)) e.preventDefault(); });
    contents.on('devtools-opened', () => contents.closeDevTools());
  }
}

function serveApp(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const found = resolveAppFile(rendererDir, request.url);
    return found.ok ? net.fetch(pathToFileURL(found.file).href) : new Response(null, { status: found.status });
  });
  session.defaultSession.setPermissionRequestHandler((wc, permission, done, details) =>
    done(allowPermission(permission, wc.getURL(), details as { mediaTypes?: string[] })));
  session.defaultSession.setPermissionCheckHandler((wc, permission) => allowPermission(permission, wc?.getURL() ?? ''));
}

async function main(): Promise<void> {
  await app.whenReady();
  serveApp();
  const replicaKey = loadReplicaKey(app.getPath('userData'), safeStorage);
  const agent = await startKioskAgent(ipcMain);
  const win = new BrowserWindow({
    kiosk: !config.devTools, fullscreen: !config.devTools, autoHideMenuBar: true, backgroundColor: '#7a1712',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false,
      webviewTag: false, devTools: config.devTools, spellcheck: false,
    },
  });
  lockDown(win);

  const served = (e: IpcMainEvent | IpcMainInvokeEvent) => allowIpcSender(e.senderFrame ? { url: e.senderFrame.url, isMainFrame: e.senderFrame === e.sender.mainFrame } : null);
  ipcMain.handle('kiosk:runtimeConfig', (e) => (served(e) ? runtimeConfig(config, state, { mode: 'electron', replicaKey }) : null));
  ipcMain.handle('kiosk:enroll', async (e, code: unknown) => {
    if (!served(e) || typeof code !== 'string') return { error: { code: 'FORBIDDEN', message: { zh: '拒绝', en: 'Refused' } } };
    try { const r = await enrollKiosk({ serverUrl: config.serverUrl, code, state }); return { result: { deviceId: r.deviceId } }; } catch (err) {
      return { error: (err as { toTransferable?: () => unknown }).toTransferable?.() ?? { code: 'ENROLL_FAILED', message: { zh: '注册失败', en: 'Enrollment failed' } } };
    }
  });
  // the renderer sends what staff typed; the PIN itself stays in this process
  ipcMain.handle('kiosk:maintenancePin', (e, pin: unknown) =>
    (served(e) && isPinAttempt(pin) ? pinGate.check(pin) : { ok: false, code: 'FORBIDDEN', message: { zh: '拒绝', en: 'Refused' } }));
  const dog = createWatchdog(config.watchdog, {
    now: () => Date.now(), setInterval, clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
    ping: () => win.webContents.send('kiosk:ping'),
    reload: () => void win.loadURL(`${APP_ORIGIN}/index.html`),
    outOfService: () => void win.loadURL(`${APP_ORIGIN}/index.html#out-of-service`),
  });
  ipcMain.on('kiosk:pong', (e) => { if (served(e)) dog.pong(); });
  win.webContents.on('render-process-gone', () => dog.crashed());
  win.on('unresponsive', () => dog.crashed());
  app.on('before-quit', () => { dog.stop(); void agent.close(); });
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

main().catch((err: unknown) => {
  console.error('kiosk failed to start / 自助终端启动失败', err);
  app.exit(1);
});
