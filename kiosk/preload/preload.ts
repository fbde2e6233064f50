// The kiosk's preload: one object, `window.onetripAgent`, that satisfies the hardware agent's
// AgentApi over IPC (channels prefixed `kiosk:`). Sandboxed preloads can require only `electron`,
// so this file is bundled (esbuild) into dist/electron/preload.cjs with the protocol constants inlined.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, METHOD_NAMES, ipcChannel } from '@onetrip/hardware/common';
import type { AgentApi, AgentEvent } from '@onetrip/hardware/common';

const methods = Object.fromEntries(METHOD_NAMES.map((method) => [
  method,
  (params: unknown) => ipcRenderer.invoke(ipcChannel(method), params ?? {}),
]));

const bridge = {
  ...methods,
  subscribe(listener: (event: AgentEvent) => void) {
    const handler = (_e: IpcRendererEvent, event: AgentEvent) => listener(event);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    ipcRenderer.send(IPC_SUBSCRIBE_CHANNEL);
    return () => { ipcRenderer.off(IPC_EVENT_CHANNEL, handler); ipcRenderer.send(IPC_UNSUBSCRIBE_CHANNEL); };
  },
} as AgentApi; // built from METHOD_NAMES, so every method is there; the cast names the shape

contextBridge.exposeInMainWorld('onetripAgent', bridge satisfies AgentApi);
contextBridge.exposeInMainWorld('onetripRuntime', {
  config: () => ipcRenderer.invoke('kiosk:runtimeConfig'),
  watchdogPong: () => ipcRenderer.send('kiosk:pong'),
  onWatchdogPing: (fn: () => void) => { ipcRenderer.on('kiosk:ping', fn); },
});
