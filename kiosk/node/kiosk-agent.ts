// In Electron the hardware agent runs inside the main process and answers the preload's IPC
// (channels `kiosk:*`, only from the app's own frames); the same agent code as the standalone one.
import { attachIpc, createAgent, loadConfig, type IpcMainLike } from '@onetrip/hardware/node';
import { APP_ORIGIN } from '../electron-main/policy';

export async function startKioskAgent(ipcMain: IpcMainLike): Promise<{ close(): Promise<void> }> {
  const agent = createAgent(await loadConfig(process.env));
  await agent.start();
  const detach = attachIpc(agent, ipcMain, { allowedOrigins: [APP_ORIGIN] });
  return { close: async () => { detach(); await agent.stop(); } };
}
