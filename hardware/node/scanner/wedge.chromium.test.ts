// The keyboard-wedge listener in real Chromium with real key events (CDP Input.dispatchKeyEvent):
// a fast burst ending in Enter is a scan and its Enter is swallowed; slow typing is not a scan.
// The listener's clock is injected by the harness (see wedge.harness.ts for why).
import { launchChromium, type ChromiumSession } from '@onetrip/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveHarness, type TestPage } from './test-page';

let browser: ChromiumSession;
let page: TestPage;

beforeAll(async () => {
  page = await serveHarness('wedge.harness.ts');
  browser = await launchChromium();
});
afterAll(async () => { await browser?.close(); await page?.close(); });

describe('wedge listener in Chromium', () => {
  it('a burst of keys ending in Enter is a scan; typing with pauses is not', async () => {
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction('window.harness !== undefined');
    await tab.focus('#field');
    await tab.evaluate('window.harness.setStep(5)'); // a scanner: 5 ms between keys
    await tab.keyboard.type('R-2026-000123');
    await tab.keyboard.press('Enter');
    expect(await tab.evaluate('window.harness.scans')).toEqual(['R-2026-000123']);
    expect(await tab.evaluate('window.harness.entersSeen')).toEqual([]); // the scan's Enter never reached the field

    await tab.evaluate('window.harness.reset()');
    await tab.evaluate('window.harness.setStep(300)'); // a person: 300 ms between keys
    await tab.keyboard.type('1234');
    await tab.keyboard.press('Enter');
    expect(await tab.evaluate('window.harness.scans')).toEqual([]);
    expect(await tab.evaluate('window.harness.entersSeen')).toEqual([true]);
    expect(await tab.inputValue('#field')).toBe('1234');
    await tab.close();
  });
});
