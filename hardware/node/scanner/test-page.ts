// Test helper: bundle a browser/ harness with esbuild and serve it on 127.0.0.1, so Chromium
// runs the very modules the renderer ships (no Node in the bundle: the browser layer has none).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface TestPage {
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** `harness` is a path relative to hardware/browser/harness, e.g. 'wedge.harness.ts'. */
export async function serveHarness(harness: string): Promise<TestPage> {
  const entry = fileURLToPath(new URL(`../../browser/harness/${harness}`, import.meta.url));
  const out = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent' });
  const js = out.outputFiles[0]!.text;
  const html = '<!doctype html><html><head><meta charset="utf-8"><title>harness</title></head><body><script type="module" src="/harness.js"></script></body></html>';
  const server = createServer((req, res) => {
    if (req.url === '/harness.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(js); return; }
    if (req.url === '/') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(html); return; }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}/`,
    origin,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
