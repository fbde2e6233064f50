// Web mode: the built renderer served on loopback for `chromium --kiosk`, with the runtime
// configuration the renderer needs (/config.json: server URL, agent URL and its per-boot token).
// It binds 127.0.0.1 only, so the token never leaves the machine.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { KioskRuntimeConfig } from '../common/bridge';
import { resolveAppFile } from './app-files';

export interface WebServer { url: string; close(): Promise<void> }

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

export async function startWebServer(opts: {
  rootDir: string; host?: string; port: number; config: () => Promise<KioskRuntimeConfig>;
}): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = `http://${host}${req.url ?? '/'}`;
      const path = new URL(url).pathname;
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, SECURITY_HEADERS).end(); return; }
      if (path === '/healthz') { res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end('{"ok":true}'); return; }
      if (path === '/config.json') {
        res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify(await opts.config()));
        return;
      }
      const found = resolveAppFile(opts.rootDir, url);
      const info = found.ok ? await stat(found.file).catch(() => null) : null;
      if (!found.ok || !info?.isFile()) { res.writeHead(found.ok ? 404 : found.status, SECURITY_HEADERS).end(); return; }
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': found.mime, 'content-length': info.size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(found.file).pipe(res);
    })().catch(() => { if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS); res.end(); });
  });
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(opts.port, host, resolve); });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
