// Web mode: the built renderer served on loopback for `chromium --kiosk`, with the runtime
// configuration the renderer needs (/config.json: server URL, agent URL and its per-boot token),
// enrollment (POST /enroll) and the maintenance PIN check (POST /maintenance/pin).
// It binds 127.0.0.1 only, so the token never leaves the machine.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { KioskRuntimeConfig } from '../common/bridge';
import { isPinAttempt, type PinResult } from '../common/pin-gate';
import { resolveAppFile } from './app-files';

export interface WebServer { url: string; close(): Promise<void> }

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

const MAX_BODY = 4096;

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw Object.assign(new Error('too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  try { return JSON.parse(Buffer.concat(chunks).toString('utf8')); } catch { throw Object.assign(new Error('bad json'), { status: 400 }); }
}

const refusal = (code: string, zh: string, en: string) => ({ code, message: { zh, en } });

/** The JSON body of a same-origin POST, or the refusal to answer (a page elsewhere may not post here). */
async function sameOriginJson(req: IncomingMessage): Promise<{ body: unknown } | { refused: [number, unknown] }> {
  if (req.headers.origin && req.headers.origin !== `http://${req.headers.host}`) {
    return { refused: [403, refusal('FORBIDDEN_ORIGIN', '拒绝跨站请求', 'Cross-origin request refused')] };
  }
  try { return { body: await readJson(req) }; } catch (err) {
    return { refused: [(err as { status?: number }).status ?? 400, refusal('BAD_REQUEST', '请求格式不正确', 'Malformed request')] };
  }
}

/** POST /enroll {code}: same-origin only, so a page elsewhere cannot enroll this kiosk. */
async function handleEnroll(req: IncomingMessage, enroll: (code: string) => Promise<unknown>): Promise<[number, unknown]> {
  const read = await sameOriginJson(req);
  if ('refused' in read) return read.refused;
  const code = (read.body as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return [400, refusal('BAD_REQUEST', '请求格式不正确', 'Malformed request')];
  try { return [200, await enroll(code)]; } catch (err) {
    const e = err as { toTransferable?: () => unknown };
    return [400, e.toTransferable?.() ?? refusal('ENROLL_FAILED', '注册失败', 'Enrollment failed')];
  }
}

/** POST /maintenance/pin {pin}: the host checks the PIN (with its lockout); 200 {ok:true}, else 403 with the result. */
async function handlePin(req: IncomingMessage, check: (pin: string) => PinResult): Promise<[number, unknown]> {
  const read = await sameOriginJson(req);
  if ('refused' in read) return read.refused;
  const pin = (read.body as { pin?: unknown } | null)?.pin;
  if (!isPinAttempt(pin)) return [400, refusal('BAD_REQUEST', '请求格式不正确', 'Malformed request')];
  const result = check(pin);
  return [result.ok ? 200 : 403, result];
}

export async function startWebServer(opts: {
  rootDir: string; host?: string; port: number; config: () => Promise<KioskRuntimeConfig>;
  /** Staff enrollment with the one-time code (POST /enroll {code}). */
  enroll?: (code: string) => Promise<unknown>;
  /** The maintenance PIN check (POST /maintenance/pin {pin}); the PIN itself never leaves the host. */
  checkPin?: (pin: string) => PinResult;
}): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = `http://${host}${req.url ?? '/'}`;
      const path = new URL(url).pathname;
      const json = (status: number, body: unknown) => res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.method === 'POST' && path === '/enroll' && opts.enroll) {
        const [status, body] = await handleEnroll(req, opts.enroll);
        json(status, body);
        return;
      }
      if (req.method === 'POST' && path === '/maintenance/pin' && opts.checkPin) {
        const [status, body] = await handlePin(req, opts.checkPin);
        json(status, body);
        return;
      }
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
