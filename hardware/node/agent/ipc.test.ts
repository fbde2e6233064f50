// The IPC adapter with a fake ipcMain: every channel carries the `kiosk:` prefix, calls from
// untrusted frames are refused, and events reach subscribed renderers.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, ipcChannel } from '../../common/agent/api';
import { METHOD_NAMES } from '../../common/agent/protocol';
import { createAgent } from './agent';
import { AgentConfig } from './config';
import { fakePrinter, fakeReader } from './fake-devices';
import { attachIpc, type IpcInvokeEventLike, type IpcMainLike } from './ipc';

class FakeIpcMain implements IpcMainLike {
  handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown) {
    if (!channel.startsWith(IPC_PREFIX)) throw new Error(`unprefixed channel ${channel}`);
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string) { this.handlers.delete(channel); }
  invoke(channel: string, url: string, sender: FakeSender, ...args: unknown[]) {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(h({ sender, senderFrame: { url } }, ...args));
  }
}

class FakeSender extends EventEmitter {
  sent: [string, unknown][] = [];
  destroyed = false;
  constructor(readonly id: number) { super(); }
  send(channel: string, payload: unknown) { this.sent.push([channel, payload]); }
  isDestroyed() { return this.destroyed; }
}

async function setup() {
  const printer = fakePrinter();
  const agent = createAgent(AgentConfig.parse({ demo: true, stateDir: '/nonexistent' }), { buildDevices: async () => ({ idcard: fakeReader(), printer, scanners: [] }) });
  await agent.start();
  const ipc = new FakeIpcMain();
  const detach = attachIpc(agent, ipc, { allowedOrigins: ['app://kiosk'] });
  return { agent, ipc, detach, printer };
}

describe('attachIpc', () => {
  it('registers one kiosk:-prefixed channel per method, and removes them on detach', async () => {
    const { ipc, detach } = await setup();
    for (const m of METHOD_NAMES) expect(ipc.handlers.has(ipcChannel(m))).toBe(true);
    expect([...ipc.handlers.keys()].every((c) => c.startsWith('kiosk:'))).toBe(true);
    detach();
    expect(ipc.handlers.size).toBe(0);
  });

  it('answers { result } or { error } and validates params like the WebSocket face', async () => {
    const { ipc, printer } = await setup();
    const s = new FakeSender(1);
    expect(await ipc.invoke('kiosk:printerStatus', 'app://kiosk/index.html', s)).toMatchObject({ result: { paper: 'ok' } });
    expect(await ipc.invoke('kiosk:print', 'app://kiosk/index.html', s, { document: 42 })).toMatchObject({ error: { code: 'BAD_PARAMS' } });
    expect(printer.jobs).toHaveLength(0);
  });

  it('refuses calls from a frame of another origin', async () => {
    const { ipc, printer } = await setup();
    const s = new FakeSender(2);
    const out = await ipc.invoke('kiosk:print', 'https://evil.example/', s, { document: { kind: 'caseReceipt' } });
    expect(out).toMatchObject({ error: { code: 'BAD_TOKEN' } });
    expect(printer.jobs).toHaveLength(0);
  });

  it('sends events on kiosk:event to subscribed renderers only, until they are destroyed', async () => {
    const { ipc } = await setup();
    const a = new FakeSender(1);
    const b = new FakeSender(2);
    await ipc.invoke('kiosk:subscribe', 'app://kiosk/', a);
    await ipc.invoke('kiosk:demoPlaceCard', 'app://kiosk/', b, { card: 0 });
    expect(a.sent.map(([c, e]) => [c, (e as { event: string }).event])).toEqual([[IPC_EVENT_CHANNEL, 'card']]);
    expect(b.sent).toEqual([]);
    a.emit('destroyed');
    await ipc.invoke('kiosk:demoPlaceCard', 'app://kiosk/', b, {});
    expect(a.sent).toHaveLength(1);
  });
});
