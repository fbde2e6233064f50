import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactsDir } from './artifacts';
import { chromiumAvailable, launchChromium, type ChromiumSession } from './chromium';

const missing = chromiumAvailable();
if (missing) console.warn(`chromium tests skipped: ${missing}`);

const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>一次性告知清单</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;font-size:28px;margin:24px}</style></head>
<body><h1>最多跑一次 · 一次性告知清单</h1><p id="out">请按按钮</p>
<button id="go">取号</button>
<script>document.getElementById('go').addEventListener('click', () => {
  document.getElementById('out').textContent = '您的号码：A001';
});</script></body></html>`;

async function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}/` };
}

describe.skipIf(missing !== null)('launchChromium', () => {
  let web: { server: Server; url: string };
  let browser: ChromiumSession;
  beforeAll(async () => {
    web = await serve();
    browser = await launchChromium({ fakeCamera: true });
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => web?.server.close(resolve));
  });

  it('loads a page over loopback HTTP, clicks, reads the new text, and screenshots Chinese text', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    expect(await page.title()).toBe('一次性告知清单');
    await page.click('#go');
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.includes('A001'));
    expect(await page.textContent('#out')).toBe('您的号码：A001');
    const file = join(artifactsDir('testkit'), 'chromium-zh.png');
    await page.screenshot({ path: file });
    console.log(`screenshot: ${file}`);
    expect(readFileSync(file).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(statSync(file).size).toBeGreaterThan(2_000);
    // A real CJK font drew the heading (not tofu boxes): ask Chromium which platform fonts it used.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument');
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'h1' });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    expect(fonts.map((f) => f.familyName).join(', ')).toMatch(/CJK/);
    await page.close();
  });

  it('gives getUserMedia a video track from the fake camera without a prompt', async () => {
    const page = await browser.context.newPage();
    await page.goto(web.url);
    const track = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } });
      const [video] = stream.getVideoTracks();
      const result = { kind: video?.kind, state: video?.readyState, width: video?.getSettings().width };
      stream.getTracks().forEach((t) => t.stop());
      return result;
    });
    expect(track).toEqual({ kind: 'video', state: 'live', width: 640 });
    await page.close();
  });
});

describe.skipIf(missing !== null)('launchChromium close()', () => {
  it('closes the browser and removes the fresh profile directory', async () => {
    const session = await launchChromium();
    expect(existsSync(session.userDataDir)).toBe(true);
    const browserProcessGone = new Promise<void>((resolve) => session.context.once('close', () => resolve()));
    await session.close();
    await browserProcessGone;
    expect(existsSync(session.userDataDir)).toBe(false);
    await session.close(); // idempotent
  });
});
