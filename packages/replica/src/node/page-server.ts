// Serves the bundled test page and proxies /api/* to the sync server from one origin on
// 127.0.0.1, so the page needs no CORS and IndexedDB survives reloads (same origin).
// When the sync server is down the proxy answers 502, which the replica reads as offline.
import { createServer, request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SEAL_WORKER_PATH } from '../sealer';

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Bundles a browser entry into one script (production build: no RxDB dev-mode). */
export async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent', minify: false,
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.text;
}

/** The seal worker's entry (browser/seal-worker.ts): a page passes browserSealer() the URL it is served at. */
export const sealWorkerEntry = fileURLToPath(new URL('../browser/seal-worker.ts', import.meta.url));
// bundled once per process: a benchmark run starts a page host per side
let sealWorker: Promise<string> | undefined;

export async function startPageServer(script: string, apiPort: number): Promise<PageServer> {
  const worker = await (sealWorker ??= bundle(sealWorkerEntry));
  const html = '<!doctype html><meta charset="utf-8"><title>loading</title><script type="module" src="/page.js"></script>';
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/api/')) {
      const upstream = request({ host: '127.0.0.1', port: apiPort, path: req.url, method: req.method, headers: req.headers }, (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      });
      upstream.on('error', () => { if (!res.headersSent) res.writeHead(502).end(); else res.destroy(); });
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
      return;
    }
    if (req.url === '/page.js') { res.writeHead(200, { 'content-type': 'text/javascript' }).end(script); return; }
    if (req.url === SEAL_WORKER_PATH) { res.writeHead(200, { 'content-type': 'text/javascript' }).end(worker); return; }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

