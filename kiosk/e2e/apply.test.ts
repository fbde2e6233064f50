// The villager's main journey, end to end in Chromium against web mode: the kiosk is enrolled
// with the server's one-time code, a card on the simulated reader fills the form, the document
// camera (Chromium's fake camera) photographs the materials, and the printer simulator decodes
// a receipt with the right case number — which the server then holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, socatAvailable, waitFor, type ChromiumSession } from '@onetrip/testkit';
import { startKioskStack, type KioskStack } from './stack';

const missing = chromiumAvailable() ?? socatAvailable();
if (missing) console.warn(`kiosk e2e skipped: ${missing}`);

/** The cases a staff account sees on the server (the read-only `cases` projection). */
async function serverCases(serverUrl: string, username: string): Promise<{ caseId: string }[]> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'onetrip-demo' }) });
  const { token } = await login.json() as { token: string };
  const res = await fetch(`${serverUrl}/api/v1/replication/cases/pull?updatedAt=0&id=&limit=500`, { headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' } });
  const body = await res.json() as { documents: { caseId: string }[] };
  return body.documents;
}

describe.skipIf(missing !== null)('kiosk apply journey (web mode)', () => {
  let stack: KioskStack;
  let browser: ChromiumSession;
  let page: Page;

  beforeAll(async () => {
    stack = await startKioskStack();
    browser = await launchChromium({ fakeCamera: true });
    page = await browser.context.newPage();
    await page.goto(stack.kioskUrl);
    await page.getByLabel('注册码 / code').fill(stack.enrollmentCode);
    await page.getByRole('button', { name: '注册 / Enroll' }).click();
    await page.getByText('请轻触屏幕开始办事').waitFor({ timeout: 60_000 });
  }, 300_000);

  afterAll(async () => { await browser?.close(); await stack?.stop(); });

  async function applyForSeniorCard(p: Page): Promise<string> {
    await p.getByText('请轻触屏幕开始办事').click();
    await p.getByRole('searchbox').or(p.getByLabel('搜索')).fill('lnz');
    await p.getByRole('button', { name: '搜索' }).click();
    await p.getByRole('button', { name: /老年证办理/ }).click();
    await p.getByRole('button', { name: '在本机申请' }).click();
    await p.getByText('请将身份证放在读卡区').waitFor();
    await stack.agentCall('demoPlaceCard', { card: 0 });
    await p.getByText('周秀英').waitFor({ timeout: 30_000 });
    expect(await p.getByLabel(/现居住地址/).inputValue()).toBe('湖南省宁乡市玉潭街道香山社区十二组');
    await p.getByLabel(/联系电话/).fill('13800000000');
    await p.getByRole('button', { name: '下一步' }).click();
    const photoButtons = p.locator('.photo-list button');
    for (let i = 0; i < await photoButtons.count(); i++) {
      await photoButtons.nth(i).click();
      await p.getByRole('button', { name: '拍照' }).click();
      await photoButtons.nth(i).filter({ hasText: '已拍' }).waitFor({ timeout: 30_000 });
    }
    await p.getByRole('button', { name: '下一步' }).click();
    await p.getByRole('button', { name: '确认提交' }).click();
    const caseNumber = p.getByTestId('case-number');
    await caseNumber.waitFor({ timeout: 30_000 });
    return (await caseNumber.textContent()) ?? '';
  }

  it('takes an application for 老年证办理 and prints its receipt', async () => {
    await stack.agentCall('demoLiftCard');
    const caseId = await applyForSeniorCard(page);
    expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
    const printed = await waitFor(async () => {
      const jobs = await stack.agentCall('demoPrinted') as { text: string }[];
      return jobs.find((j) => j.text.includes(caseId.slice(-6)));
    }, { timeoutMs: 30_000, description: 'the receipt on the printer simulator' });
    expect(printed.text).toContain('老年证办理');
    expect(printed.text).toMatch(/周\*/);
    expect(printed.text).not.toContain('周秀英');
    expect(printed.text).not.toContain('430182195603120427');
    expect(printed.text).not.toContain('[object');
    // The case reaches the server, once, in the township that holds the kiosk's site.
    const cases = await waitFor(async () => {
      const found = await serverCases(stack.serverUrl, 'township-430182101000');
      return found.some((c) => c.caseId === caseId) ? found : null;
    }, { timeoutMs: 60_000, description: 'the case on the server' });
    expect(cases.filter((c) => c.caseId === caseId)).toHaveLength(1);
  }, 180_000);
});
