// The kiosk's Electron main process, kept thin: a locked-down full-screen window, the app served
// from `onetrip://app/` with a path check, the hardware agent behind the typed bridge, the
// renderer watchdog, and the replica key from safeStorage. Everything else lives in the renderer,
// the agent and the pure modules beside this file, which are tested in Node and Chromium.
import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session } from 'electron';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { resolveAppFile } from '../node/app-files';
import { loadKioskConfig } from '../node/kiosk-config';
import { startKioskAgent } from '../node/kiosk-agent';
import { APP_ORIGIN, APP_SCHEME, allowIpcSender, allowNavigation, allowPermission, isBlockedShortcut } from './policy';
import { loadReplicaKey } from './replica-key';
import { createWatchdog } from './watchdog';

const config = loadKioskConfig(process.env);
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

async function main(): Promise<void> {
  await app.whenReady();
  protocol.handle(APP_SCHEME, (request) => {
    const found = resolveAppFile(rendererDir, request.url);
    return found.ok ? net.fetch(pathToFileURL(found.file).href) : new Response(null, { status: found.status });
  });
  session.defaultSession.setPermissionRequestHandler((wc, permission, done, details) =>
    done(allowPermission(permission, wc.getURL(), details as { mediaTypes?: string[] })));
  session.defaultSession.setPermissionCheckHandler((wc, permission) => allowPermission(permission, wc?.getURL() ?? ''));

  const replicaKey = loadReplicaKey(app.getPath('userData'), safeStorage);
  const agent = await startKioskAgent(config, { ipcMain, allowSender: (frame) => allowIpcSender(frame) });

  const win = new BrowserWindow({
    kiosk: !config.devTools, fullscreen: !config.devTools, autoHideMenuBar: true, backgroundColor: '#7a1712',
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'), contextIsolation: true, sandbox: true, nodeIntegration: false,
      webviewTag: false, devTools: config.devTools, spellcheck: false,
    },
  });
  lockDown(win);

  const served = (e: Electron.IpcMainEvent | Electron.IpcMainInvokeEvent) => allowIpcSender(e.senderFrame);
  ipcMain.handle('kiosk:runtimeConfig', (e) => served(e) ? { ...agent.runtimeConfig, mode: 'electron', replicaKey: Array.from(replicaKey) } : null);
  const dog = createWatchdog(config.watchdog, {
    now: () => Date.now(), setInterval, clearInterval: (h) => clearInterval(h as NodeJS.Timeout),
    ping: () => win.webContents.send('kiosk:ping'),
    reload: () => void win.loadURL(`${APP_ORIGIN}/index.html`),
    outOfService: () => void win.loadURL(`${APP_ORIGIN}/out-of-service.html`),
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
