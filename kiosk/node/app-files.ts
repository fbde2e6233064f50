// Resolve a request for the built renderer (`onetrip://app/…` in Electron, http in web mode) to a
// file inside it, refusing anything that would escape it (`..`, encoded separators, NUL bytes).
// Pure path logic, tested in Node.
import { extname, normalize, resolve, sep } from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.woff2': 'font/woff2', '.json': 'application/json',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm',
};

export type Resolved = { ok: true; file: string; mime: string } | { ok: false; status: 400 | 404 };

export function resolveAppFile(rootDir: string, requestUrl: string): Resolved {
  let url: URL;
  try { url = new URL(requestUrl); } catch { return { ok: false, status: 400 }; }
  // An encoded separator has no business in an asset path: refuse it rather than decode it.
  if (/%(2f|5c)/i.test(url.pathname)) return { ok: false, status: 400 };
  let path: string;
  try { path = decodeURIComponent(url.pathname); } catch { return { ok: false, status: 400 }; }
  if (path.includes('\0') || path.includes('\\')) return { ok: false, status: 400 };
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(root, `.${normalize(path)}`);
  if (file !== root && !file.startsWith(root + sep)) return { ok: false, status: 404 };
  const mime = MIME[extname(file).toLowerCase()];
  if (!mime) return { ok: false, status: 404 };
  return { ok: true, file, mime };
}
