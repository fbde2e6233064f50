// What a 3 a.m. villager meets when things go wrong: the network is down (the receipt says the
// application waits on the kiosk, and it reaches the server once when the network returns), the
// printer runs out of paper (the person is told; the receipt prints once paper is loaded), and
// the villager walks away (warning, then everything personal is gone from the screen, the app's
// state and the raw IndexedDB records).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, socatAvailable, waitFor } from '@onetrip/testkit';
import { START, openEnrolledKiosk, fillSeniorCard, openItem, printed, serverCases, submit } from './journey';
import type { KioskStack } from './stack';

const missing = chromiumAvailable() ?? socatAvailable();
if (missing) console.warn(`kiosk resilience e2e skipped: ${missing}`);

const NAME = '周秀英';
const ID_NUMBER = '430182195603120427';

/** Every record of every IndexedDB database of the page, as raw JSON text. */
async function rawIndexedDb(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => { const r = indexedDB.open(info.name!); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
        out.push(JSON.stringify(rows));
      }
      db.close();
    }
    return out.join('\n');
  });
}

describe.skipIf(missing !== null)('kiosk when things go wrong (web mode)', () => {
  let stack: KioskStack;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => { ({ stack, page, close } = await openEnrolledKiosk({ idle: { warnS: 30, wipeS: 40 } })); }, 600_000);

  afterAll(async () => { await close?.(); });

  it('wipes everything personal when the villager walks away', async () => {
    await openItem(page, 'lnz', /老年证办理/);
    await page.getByRole('button', { name: '在本机申请' }).click();
    await stack.agentCall('demoLiftCard');
    await stack.agentCall('demoPlaceCard', { card: 0 });
    await page.getByText(NAME).waitFor({ timeout: 30_000 });
    await page.getByRole('alertdialog').waitFor({ timeout: 60_000 });
    await page.getByText(START).waitFor({ timeout: 60_000 });
    const dom = await page.content();
    expect(dom).not.toContain(NAME);
    expect(dom).not.toContain(ID_NUMBER);
    expect(dom).not.toContain('香山社区');
    const raw = await rawIndexedDb(page);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw).not.toContain(NAME);
    expect(raw).not.toContain(ID_NUMBER);
  }, 180_000);

  it('tells the person when the paper is out, and prints the receipt once paper is loaded', async () => {
    await stack.agentCall('demoSetPrinter', { paper: 'out' });
    await fillSeniorCard(page, stack);
    const caseId = await submit(page);
    await page.getByText(/打印机暂不可用/).waitFor();
    expect((await printed(stack)).some((j) => j.text.includes(caseId.slice(-6)))).toBe(false);
    await stack.agentCall('demoSetPrinter', { paper: 'ok' });
    await waitFor(async () => (await printed(stack)).some((j) => j.text.includes(caseId.slice(-6))),
      { timeoutMs: 60_000, description: 'the kept receipt printed after paper was loaded' });
    await page.getByRole('button', { name: '完成' }).click();
  }, 180_000);

  it('keeps an application made offline, says so, and delivers it once when the network returns', async () => {
    await stack.stopServer();
    await page.getByText(START).click();
    await page.getByText(/网络未连接/).first().waitFor({ timeout: 90_000 });
    await page.getByRole('button', { name: '首页' }).click();
    await page.getByRole('button', { name: '首页' }).waitFor();
    await page.goto(stack.kioskUrl); // the kiosk restarts its page while offline: nothing is lost
    await fillSeniorCard(page, stack);
    const caseId = await submit(page);
    await page.getByText(/申请已保存在本机/).waitFor();
    const receipt = await waitFor(async () => (await printed(stack)).find((j) => j.text.includes(caseId.slice(-6))),
      { timeoutMs: 30_000, description: 'the offline receipt' });
    expect(receipt.text).toContain('联网后自动发送');
    await stack.startServer();
    const cases = await waitFor(async () => {
      const found = await serverCases(stack.serverUrl, 'township-430182101000');
      return found.some((c) => c.caseId === caseId) ? found : null;
    }, { timeoutMs: 120_000, description: 'the offline case on the server' });
    expect(cases.filter((c) => c.caseId === caseId)).toHaveLength(1);
  }, 300_000);
});
