// Camera helpers in real Chromium with its fake camera: the preferred camera opens, a frame is
// cropped and compressed to a JPEG under the bound, stepping quality and scale down as needed.
// (Lives in node/ because the test drives Chromium from Node; the code under test is browser/camera.)
import { launchChromium, type ChromiumSession } from '@onetrip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHarness, type TestPage } from './test-page';

let browser: ChromiumSession;
let page: TestPage;

beforeAll(async () => {
  page = await serveHarness('camera.harness.ts');
  browser = await launchChromium({ fakeCamera: true });
});
afterAll(async () => { await browser?.close(); await page?.close(); });

interface Capture {
  label: string; frame: number[]; cropped: number[]; size: number; type: string;
  width: number; height: number; quality: number; attempts: number; magic: number[]; decoded: number[];
}

describe('camera helpers in Chromium', () => {
  it('captures a JPEG under a generous bound at the first attempt, and under a tight one by stepping down', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction('window.harness !== undefined');
    const easy = await tab.evaluate<Capture>('window.harness.capture(500000)');
    expect(easy.type).toBe('image/jpeg');
    expect(easy.magic).toEqual([0xff, 0xd8, 0xff]);
    expect(easy.size).toBeLessThanOrEqual(500_000);
    expect(easy.attempts).toBe(1);
    expect(easy.decoded).toEqual([easy.width, easy.height]);
    expect(easy.cropped).toEqual(easy.frame);

    const tight = await tab.evaluate<Capture>('window.harness.capture(6000, { x: 0.1, y: 0.1, width: 0.8, height: 0.8 })');
    console.log(`camera: frame ${tight.frame.join('x')} → ${tight.width}x${tight.height} q${tight.quality} ${tight.size} B after ${tight.attempts} attempts`);
    expect(tight.size).toBeLessThanOrEqual(6000);
    expect(tight.attempts).toBeGreaterThan(1);
    expect(tight.cropped).toEqual([Math.round(tight.frame[0]! * 0.8), Math.round(tight.frame[1]! * 0.8)]);
    expect(tight.decoded).toEqual([tight.width, tight.height]);
    await tab.close();
  });
});
