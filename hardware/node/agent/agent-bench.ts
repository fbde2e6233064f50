// Measurements for `npm run bench -- agent` (bench/agent.ts):
//   agent-rpc: one request/response over the agent's WebSocket (zod-validated both ways, token
//              checked at connect) against a bare `ws` echo of the same bytes — the ratio is
//              the agent's own overhead per call;
//   agent-scan: demoScan request → the code written on the simulator's pty → the driver frames
//              it → `scan` event on the client, against a 20 ms target.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import WebSocket, { WebSocketServer } from 'ws';
import { createAgent } from './agent';
import { AgentConfig } from './config';
import { fakePrinter, fakeReader } from './fake-devices';
import { simulatedScanner } from './scanner-device';
import { startAgentServer } from './server';
import { connectClient } from './test-client';
import { createToken } from './token';

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };
const fmt = (ms: number) => (ms * 1000).toFixed(0);

async function peerRoundTrip(n: number, payload: string): Promise<number> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (ws) => ws.on('message', (d) => ws.send(String(d))));
  const ws = new WebSocket(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
  await new Promise((r) => ws.once('open', r));
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    ws.send(payload);
    await new Promise((r) => ws.once('message', r));
    times.push(performance.now() - t0);
  }
  ws.close();
  await new Promise((r) => wss.close(r));
  return median(times);
}

export async function runAgentBench(n = 2000, scans = 200): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'onetrip-agent-bench-'));
  const agent = createAgent(AgentConfig.parse({ demo: true, stateDir: dir }), {
    buildDevices: async () => ({ idcard: fakeReader(), printer: fakePrinter(), scanners: [await simulatedScanner('scanner', { stateDir: dir, demo: true, simulateMissing: true })] }),
  });
  await agent.start();
  const token = await createToken(dir);
  const server = await startAgentServer(agent, token, { host: '127.0.0.1', port: 0 });
  try {
    const c = connectClient(server.url, { token: token.value });
    await c.next((m) => m.ready === true);
    const rpc: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await c.request('printerStatus');
      rpc.push(performance.now() - t0);
    }
    const scan: number[] = [];
    for (let i = 0; i < scans; i++) {
      const code = `R-2026-${String(i).padStart(6, '0')}`;
      const t0 = performance.now();
      const got = c.next((m) => m.event === 'scan' && (m.data as { code: string }).code === code);
      await c.request('demoScan', { code });
      await got;
      scan.push(performance.now() - t0);
    }
    c.ws.close();
    const ours = median(rpc);
    const peer = await peerRoundTrip(n, JSON.stringify({ id: 't1', method: 'printerStatus', params: {} }));
    return [
      `agent-rpc: ours ${fmt(ours)} µs, peer ${fmt(peer)} µs, ratio ${(ours / peer).toFixed(2)}`,
      `agent-scan: ours ${median(scan).toFixed(2)} ms, target 20 ms`,
    ];
  } finally {
    await server.close();
    await agent.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
