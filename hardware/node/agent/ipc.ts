// The agent's Electron face: every AgentApi method is an ipcMain.handle channel `kiosk:<method>`,
// events go to subscribed renderers on `kiosk:event`. ipcMain is injected (no electron import),
// and every call is checked against the sender frame's origin before anything runs.
import { agentError } from '../../common/agent/errors';
import {
  IPC_EVENT_CHANNEL, IPC_PREFIX, IPC_SUBSCRIBE_CHANNEL, IPC_UNSUBSCRIBE_CHANNEL, ipcChannel,
} from '../../common/agent/api';
import type { AgentApi } from '../../common/agent/api';
import { METHOD_NAMES, type AgentEvent } from '../../common/agent/protocol';
import { callMethod } from './dispatch';

export interface IpcSenderLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcInvokeEventLike {
  readonly sender: IpcSenderLike;
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  /** Origins whose frames may call the agent, e.g. ['app://kiosk']. */
  allowedOrigins: readonly string[];
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.origin !== 'null' ? u.origin : `${u.protocol}//${u.host}`;
  } catch {
    return undefined;
  }
}

/** Register the handlers; returns a function that removes them again. */
export function attachIpc(agent: AgentApi, ipcMain: IpcMainLike, opts: IpcOptions): () => void {
  const channels: string[] = [];
  const subscribers = new Map<number, IpcSenderLike>();
  const trusted = (e: IpcInvokeEventLike) => {
    const origin = originOf(e.senderFrame?.url);
    return origin !== undefined && opts.allowedOrigins.includes(origin);
  };
  const refused = { error: agentError('BAD_TOKEN', { zh: '来源不受信任', en: 'untrusted sender frame' }) };
  const handle = (channel: string, fn: (e: IpcInvokeEventLike, ...args: unknown[]) => unknown) => {
    if (!channel.startsWith(IPC_PREFIX)) throw new Error(`IPC channel ${channel} lacks the ${IPC_PREFIX} prefix`);
    ipcMain.handle(channel, (e, ...args) => (trusted(e) ? fn(e, ...args) : refused));
    channels.push(channel);
  };

  for (const method of METHOD_NAMES) handle(ipcChannel(method), (_e, params) => callMethod(agent, method, params));
  handle(IPC_SUBSCRIBE_CHANNEL, (e) => {
    const sender = e.sender;
    if (!subscribers.has(sender.id)) {
      subscribers.set(sender.id, sender);
      sender.once('destroyed', () => subscribers.delete(sender.id));
    }
    return { result: null };
  });
  handle(IPC_UNSUBSCRIBE_CHANNEL, (e) => { subscribers.delete(e.sender.id); return { result: null }; });

  const off = agent.subscribe((event: AgentEvent) => {
    for (const [id, s] of subscribers) {
      if (s.isDestroyed()) subscribers.delete(id);
      else s.send(IPC_EVENT_CHANNEL, event);
    }
  });
  return () => {
    off();
    subscribers.clear();
    for (const c of channels.splice(0)) ipcMain.removeHandler(c);
  };
}
