// Serves the built workbench on loopback: static files of the Vite build (with a path check),
// /healthz, and /config.json with the runtime configuration the app needs (the sync server's URL).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';

export interface DeskRuntimeConfig {
  serverUrl: string;
  /** The hardware agent on this desk (ID-card reader), when one runs. */
  agent?: { url: string; token: string };
  /** How often the desk pulls item and region names again (ms; the desk's default is 60 000). */
  catalogueRefreshMs?: number;
}

export interface DeskWebServer { url: string; port: number; close(): Promise<void> }

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};

const HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY', 'cache-control': 'no-store' };

/** Maps a request path to a file inside `root`, refusing encoded separators, NUL and escapes. */
export function resolveStatic(root: string, pathname: string): { ok: true; file: string; mime: string } | { ok: false; status: 400 | 404 } {
  if (/%(2f|5c)/i.test(pathname)) return { ok: false, status: 400 };
  let path: string;
  try { path = decodeURIComponent(pathname); } catch { return { ok: false, status: 400 }; }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400 };
  if (path === '/' || path === '' || path === '/hall') path = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${normalize(path)}`);
  if (!file.startsWith(base + sep)) return { ok: false, status: 404 };
  const mime = MIME[extname(file).toLowerCase()];
  return mime ? { ok: true, file, mime } : { ok: false, status: 404 };
}

async function serveFile(root: string, pathname: string, head: boolean, res: ServerResponse): Promise<void> {
  const found = resolveStatic(root, pathname);
  const info = found.ok ? await stat(found.file).catch(() => null) : null;
  if (!found.ok || !info?.isFile()) { res.writeHead(found.ok ? 404 : found.status, HEADERS).end(); return; }
  res.writeHead(200, { ...HEADERS, 'content-type': found.mime, 'content-length': info.size });
  if (head) res.end();
  else createReadStream(found.file).pipe(res);
}

export async function startDeskWebServer(opts: { rootDir: string; host?: string; port: number; config: () => DeskRuntimeConfig | Promise<DeskRuntimeConfig> }): Promise<DeskWebServer> {
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = new URL(req.url ?? '/', 'http://desk').pathname;
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, HEADERS).end(); return; }
      if (pathname === '/healthz') { res.writeHead(200, { ...HEADERS, 'content-type': 'application/json' }).end('{"ok":true}'); return; }
      if (pathname === '/config.json') {
        res.writeHead(200, { ...HEADERS, 'content-type': 'application/json' }).end(JSON.stringify(await opts.config()));
        return;
      }
      await serveFile(opts.rootDir, pathname, req.method === 'HEAD', res);
    })().catch(() => { if (!res.headersSent) res.writeHead(500, HEADERS); res.end(); });
  });
  await new Promise<void>((ok, fail) => { server.once('error', fail); server.listen(opts.port, host, ok); });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host}:${port}/`, port,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(() => ok()); }),
  };
}
