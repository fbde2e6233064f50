// The whole kiosk stack for end-to-end tests, each part a real process on loopback: the sync
// server on PGlite (demo mode), the hardware agent with simulated devices on socat ptys, and the
// kiosk in web mode. Chromium then drives the kiosk exactly as `chromium --kiosk` would.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { freePort, startService, tempDir, type Service } from '@onetrip/testkit';

export type { Service };

export interface KioskStack {
  serverUrl: string; kioskUrl: string; enrollmentCode: string;
  server: Service; agent: Service; kiosk: Service;
  /** Stop the sync server (the network is gone, as far as the kiosk can tell). */
  stopServer(): Promise<void>;
  /** Start it again on the same port and data. */
  startServer(): Promise<void>;
  /** Call one of the agent's methods (the demo controls place cards and read the printer). */
  agentCall(method: string, params?: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

export interface KioskStackOptions {
  /** Extra environment for the kiosk process (e.g. ONETRIP_MAINTENANCE_PIN). */
  kioskEnv?: Record<string, string>;
  /** Idle warning and wipe, in seconds (default 120/180, longer than any test journey). */
  idle?: { warnS: number; wipeS: number };
}

export async function startKioskStack(opts: KioskStackOptions = {}): Promise<KioskStack> {
  const dir = await tempDir('kiosk-e2e');
  const [serverPort, agentPort, kioskPort] = [await freePort(), await freePort(), await freePort()];
  const serverUrl = `http://127.0.0.1:${serverPort}`;
  const kioskOrigin = `http://127.0.0.1:${kioskPort}`;
  const serverEnv = {
    DEMO: '1', PORT: String(serverPort), HOST: '127.0.0.1', DATA_DIR: join(dir.path, 'server'), SCRYPT_LOG_N: '10', CORS_ORIGINS: kioskOrigin,
  };
  let server = await startService('sync-server', 'sync-server/src/main.ts', serverEnv, `${serverUrl}/healthz`);
  const enrollmentCode = /enrollment code: (\S+)/.exec(server.output())?.[1];
  if (!enrollmentCode) throw new Error(`no enrollment code in the server's output:\n${server.output()}`);
  const agent = await startService('agent', 'hardware/node/agent/main.ts', {
    DEMO: '1', ONETRIP_HW_PORT: String(agentPort), ONETRIP_HW_STATE_DIR: join(dir.path, 'agent'), ONETRIP_HW_ALLOWED_ORIGINS: kioskOrigin,
  }, `http://127.0.0.1:${agentPort}/healthz`);
  const tokenFile = join(dir.path, 'agent', 'agent-token');
  const kiosk = await startService('kiosk', 'kiosk/node/start.ts', {
    ONETRIP_KIOSK_WEB: '1', ONETRIP_KIOSK_PORT: String(kioskPort), ONETRIP_SERVER_URL: serverUrl,
    ONETRIP_AGENT_URL: `ws://127.0.0.1:${agentPort}/agent`, ONETRIP_AGENT_TOKEN_FILE: tokenFile,
    ONETRIP_KIOSK_STATE_DIR: join(dir.path, 'kiosk'), ONETRIP_IDLE_WARN_S: String(opts.idle?.warnS ?? 120), ONETRIP_IDLE_WIPE_S: String(opts.idle?.wipeS ?? 180),
    ...opts.kioskEnv,
  }, `http://127.0.0.1:${kioskPort}/healthz`);
  const agentCall = async (method: string, params: Record<string, unknown> = {}) => {
    const token = (await readFile(tokenFile, 'utf8')).trim();
    const ws = new WebSocket(`ws://127.0.0.1:${agentPort}/agent`, ['onetrip-agent.v1', `onetrip-token.${token}`]);
    try {
      await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
      ws.send(JSON.stringify({ id: 1, method, params }));
      const reply = await new Promise<Record<string, unknown>>((resolve) => ws.on('message', (d) => {
        const msg = JSON.parse(String(d)) as Record<string, unknown>;
        if (msg.id === 1) resolve(msg);
      }));
      if ('error' in reply) throw new Error(JSON.stringify(reply.error));
      return reply.result;
    } finally { ws.close(); }
  };
  return {
    serverUrl, kioskUrl: `${kioskOrigin}/`, enrollmentCode, agent, kiosk, agentCall,
    get server() { return server; },
    stopServer: () => server.stop(),
    async startServer() { server = await startService('sync-server', 'sync-server/src/main.ts', serverEnv, `${serverUrl}/healthz`); },
    async stop() { await kiosk.stop(); await agent.stop(); await server.stop(); await dir.cleanup(); },
  };
}
