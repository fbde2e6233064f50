// The villager's main journey, end to end in Chromium against web mode: the kiosk is enrolled
// with the server's one-time code, a card on the simulated reader fills the form, the document
// camera (Chromium's fake camera) photographs the materials, and the printer simulator decodes
// a receipt with the right case number — which the server then holds, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, socatAvailable, waitFor } from '@onetrip/testkit';
import { openEnrolledKiosk, fillSeniorCard, printed, serverCases, submit } from './journey';
import type { KioskStack } from './stack';

const missing = chromiumAvailable() ?? socatAvailable();
if (missing) console.warn(`kiosk e2e skipped: ${missing}`);

describe.skipIf(missing !== null)('kiosk apply journey (web mode)', () => {
  let stack: KioskStack;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => { ({ stack, page, close } = await openEnrolledKiosk()); }, 600_000);

  afterAll(async () => { await close?.(); });

  it('takes an application for 老年证办理 and prints its receipt', async () => {
    await fillSeniorCard(page, stack);
    expect(await page.getByText('周秀英').count()).toBeGreaterThan(0);
    const caseId = await submit(page);
    expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
    const receipt = await waitFor(async () => (await printed(stack)).find((j) => j.text.includes(caseId.slice(-6))),
      { timeoutMs: 30_000, description: 'the receipt on the printer simulator' });
    expect(receipt.text).toContain('老年证办理');
    expect(receipt.text).toMatch(/周\*/);
    expect(receipt.text).not.toContain('周秀英');
    expect(receipt.text).not.toContain('430182195603120427');
    expect(receipt.text).not.toContain('[object');
    // The case reaches the server, once, in the township that holds the kiosk's site.
    const cases = await waitFor(async () => {
      const found = await serverCases(stack.serverUrl, 'township-430182101000');
      return found.some((c) => c.caseId === caseId) ? found : null;
    }, { timeoutMs: 60_000, description: 'the case on the server' });
    expect(cases.filter((c) => c.caseId === caseId)).toHaveLength(1);
  }, 180_000);
});
