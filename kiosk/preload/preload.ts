// The kiosk's preload: `window.onetripAgent` satisfies the hardware agent's AgentApi over IPC
// (channels prefixed `kiosk:`), and `window.onetripRuntime` gives the runtime config, enrollment,
// the maintenance PIN check (answered by main) and the watchdog's ping. Sandboxed preloads can require only `electron`, so this file is bundled
// (esbuild) into dist/electron/preload.cjs with the protocol constants inlined.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, METHOD_NAMES, ipcChannel } from '@onetrip/hardware/common';
import type { AgentApi, AgentEvent } from '@onetrip/hardware/common';

type Envelope = { result: unknown } | { error: { code: string; message: { zh: string; en: string } } };

async function call(channel: string, params?: unknown): Promise<unknown> {
  const reply = (await ipcRenderer.invoke(channel, params ?? {})) as Envelope;
  if ('error' in reply) {
    throw Object.assign(new Error(`${reply.error.message.zh} / ${reply.error.message.en}`), { code: reply.error.code, zh: reply.error.message.zh, en: reply.error.message.en });
  }
  return reply.result;
}

const methods = Object.fromEntries(METHOD_NAMES.map((method) => [method, (params: unknown) => call(ipcChannel(method), params)]));

const agent = {
  ...methods,
  subscribe(listener: (event: AgentEvent) => void) {
    const handler = (_e: IpcRendererEvent, event: AgentEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    void call(IPC_SUBSCRIBE_CHANNEL);
    return () => { ipcRenderer.off(IPC_EVENT_CHANNEL, handler); void call(IPC_UNSUBSCRIBE_CHANNEL); };
  },
} as AgentApi; // built from METHOD_NAMES, so every method is present; the cast names the shape

contextBridge.exposeInMainWorld('onetripAgent', agent);
contextBridge.exposeInMainWorld('onetripRuntime', {
  config: () => ipcRenderer.invoke('kiosk:runtimeConfig'),
  enroll: (code: string) => call('kiosk:enroll', code),
  checkMaintenancePin: (pin: string) => ipcRenderer.invoke('kiosk:maintenancePin', pin),
  watchdogPong: () => ipcRenderer.send('kiosk:pong'),
  onWatchdogPing: (fn: () => void) => { ipcRenderer.on('kiosk:ping', () => fn()); },
});
