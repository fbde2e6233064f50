// The journeys other than applying, end to end in Chromium against web mode with the simulated
// devices: a queue ticket the printer simulator decodes, a progress lookup by scanning the
// receipt's QR code after an application, a device banner for paper out, and maintenance mode
// behind the PIN (lockout count, health, test slip, reader test with the number masked).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { caseStatusNames, receiptQrPayload } from '@onetrip/domain';
import { chromiumAvailable, socatAvailable, waitFor } from '@onetrip/testkit';
import { START, fillSeniorCard, openEnrolledKiosk, submit } from './journey';
import type { KioskStack } from './stack';

const missing = chromiumAvailable() ?? socatAvailable();
if (missing) console.warn(`kiosk tickets/progress/maintenance e2e skipped: ${missing}`);

const PIN = '5820';

describe.skipIf(missing !== null)('kiosk tickets, progress lookup and maintenance (web mode)', () => {
  let stack: KioskStack;
  let page: Page;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => { ({ stack, page, close } = await openEnrolledKiosk({ kioskEnv: { ONETRIP_MAINTENANCE_PIN: PIN } })); }, 600_000);

  afterAll(async () => { await close?.(); });

  async function printedWith(text: string) {
    return waitFor(async () => {
      const jobs = await stack.agentCall('demoPrinted') as { text: string }[];
      return jobs.find((j) => j.text.includes(text));
    }, { timeoutMs: 30_000, description: `a printed slip with ${text}` });
  }

  async function home() {
    await page.getByRole('button', { name: '首页' }).click();
  }

  it('gives a queue ticket whose number the printer simulator decodes, and the next one counts up', async () => {
    await page.getByText(START).click();
    await page.getByRole('button', { name: '取号' }).click();
    await page.getByRole('button', { name: '取一个号' }).click();
    const first = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(first).toMatch(/^[A-I]001$/);
    expect((await printedWith(first)).text).toContain(first);
    await home();
    await page.getByRole('button', { name: '取号' }).click();
    await page.getByRole('button', { name: '取一个号' }).click();
    const second = (await page.getByTestId('ticket-number').textContent()) ?? '';
    expect(second).toBe(`${first[0]}002`);
    await page.getByText('前面还有 1 人等候').waitFor();
  }, 120_000);

  async function applyForSeniorCard(): Promise<string> {
    await home();
    await fillSeniorCard(page, stack);
    return submit(page);
  }

  it('looks up an application by scanning its receipt QR code, and refuses a foreign code', async () => {
    const caseId = await applyForSeniorCard();
    await home();
    await page.getByRole('button', { name: '办件查询 · 评价' }).click();
    await stack.agentCall('demoScan', { code: 'https://example.com/not-a-receipt' });
    await page.getByText('这不是办件回执的二维码').waitFor();
    await stack.agentCall('demoScan', { code: receiptQrPayload(caseId) });
    const view = page.getByTestId('case-view');
    await view.getByText(caseId).waitFor({ timeout: 15_000 });
    await view.getByText('老年证办理').waitFor();
    // online, the kiosk hands the case to the server and drops the personal data: either view is honest
    const text = (await view.textContent()) ?? '';
    expect(text.includes(caseStatusNames.submitted.zh) || text.includes('已送达服务器')).toBe(true);
    expect(text).not.toContain('430182195603120427');
    expect(text).not.toContain('周秀英');
  }, 150_000);

  it('shows a banner while the printer is out of paper, and the screen stays usable', async () => {
    await stack.agentCall('demoSetPrinter', { paper: 'out' });
    await page.getByText(/打印机缺纸/).waitFor({ timeout: 15_000 });
    await home();
    await page.getByRole('button', { name: '取号' }).click();
    await page.getByRole('button', { name: '取一个号' }).click();
    await page.getByTestId('ticket-number').waitFor();
    await stack.agentCall('demoSetPrinter', { paper: 'ok' });
    await page.getByText(/打印机缺纸/).waitFor({ state: 'detached', timeout: 15_000 });
  }, 60_000);

  it('opens maintenance with five corner taps and the PIN checked by the host, counting wrong tries', async () => {
    // the host checks the PIN: it is never served to the page
    expect(await (await fetch(new URL('config.json', stack.kioskUrl))).text()).not.toContain(PIN);
    await page.goto(stack.kioskUrl);
    await page.getByText(START).waitFor({ timeout: 60_000 });
    const corner = page.getByRole('button', { name: '工作人员维护' });
    for (let i = 0; i < 5; i++) await corner.click();
    await page.getByLabel('维护密码').fill('0000');
    await page.getByRole('button', { name: '进入' }).click();
    await page.getByText('密码错误，还可以试 4 次').waitFor();
    await page.getByLabel('维护密码').fill(PIN);
    await page.getByRole('button', { name: '进入' }).click();
    await page.getByTestId('device-row').first().waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('device-row').count()).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: '打印测试页' }).click();
    await page.getByText('测试页已打印').waitFor({ timeout: 30_000 });
    await printedWith('打印测试');
    await page.getByRole('button', { name: '读卡测试' }).click();
    await stack.agentCall('demoLiftCard');
    await stack.agentCall('demoPlaceCard', { card: 0 });
    await page.getByText('读卡成功：430182********0427').waitFor({ timeout: 15_000 });
    expect(await page.content()).not.toContain('430182195603120427');
    await page.getByRole('button', { name: '退出维护' }).click();
    await page.getByText(START).waitFor();
  }, 90_000);
});
