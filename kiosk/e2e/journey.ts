// Steps of the kiosk's journeys as a villager takes them, shared by the end-to-end suites.
import type { Page } from 'playwright-core';
import { launchChromium } from '@onetrip/testkit';
import { startKioskStack, type KioskStack, type KioskStackOptions } from './stack';

export const START = '请轻触屏幕开始办事';

/** First start: staff enroll the kiosk with the server's one-time code. */
export async function enroll(page: Page, stack: KioskStack): Promise<void> {
  await page.goto(stack.kioskUrl);
  await page.getByLabel('注册码 / code').fill(stack.enrollmentCode);
  await page.getByRole('button', { name: '注册 / Enroll' }).click();
  await page.getByText(START).waitFor({ timeout: 60_000 });
}

export interface EnrolledKiosk { stack: KioskStack; page: Page; close: () => Promise<void> }

/** A suite's start: the whole stack, Chromium with the fake camera, one page with the kiosk enrolled. */
export async function openEnrolledKiosk(opts: KioskStackOptions & { viewport?: { width: number; height: number } } = {}): Promise<EnrolledKiosk> {
  const stack = await startKioskStack(opts);
  try {
    const browser = await launchChromium({ fakeCamera: true });
    const close = async () => { await browser.close(); await stack.stop(); };
    try {
      const page = await browser.context.newPage();
      if (opts.viewport) await page.setViewportSize(opts.viewport);
      await enroll(page, stack);
      return { stack, page, close };
    } catch (error) { await browser.close(); throw error; }
  } catch (error) { await stack.stop(); throw error; }
}

/** (Attract screen →) search by pinyin initials → the item's page. */
export async function openItem(page: Page, initials: string, name: RegExp): Promise<void> {
  await page.getByText(START).or(page.getByLabel('搜索')).first().waitFor({ timeout: 60_000 });
  if (await page.getByText(START).isVisible()) await page.getByText(START).click();
  // After a (re)load the home screen comes once the encrypted replica is open, which on a loaded
  // 2-core machine running other suites took over 30 s once.
  await page.getByLabel('搜索').fill(initials, { timeout: 90_000 });
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('button', { name }).click();
}

/** Apply for 老年证办理 with demo card 0 up to the review screen. */
export async function fillSeniorCard(page: Page, stack: KioskStack): Promise<void> {
  await openItem(page, 'lnz', /老年证办理/);
  await page.getByRole('button', { name: '在本机申请' }).click();
  await page.getByText('请将身份证放在读卡区').waitFor();
  await stack.agentCall('demoLiftCard');
  await stack.agentCall('demoPlaceCard', { card: 0 });
  await page.getByText('周秀英').waitFor({ timeout: 30_000 });
  await page.getByLabel(/联系电话/).fill('13800000000');
  await page.getByRole('button', { name: '下一步' }).click();
  const photoButtons = page.locator('.photo-list button');
  for (let i = 0; i < await photoButtons.count(); i++) {
    await photoButtons.nth(i).click();
    await page.getByRole('button', { name: '拍照' }).click();
    await photoButtons.nth(i).filter({ hasText: '已拍' }).waitFor({ timeout: 30_000 });
  }
  await page.getByRole('button', { name: '下一步' }).click();
}

/** Submit from the review screen; returns the case id shown to the villager. */
export async function submit(page: Page): Promise<string> {
  await page.getByRole('button', { name: '确认提交' }).click();
  const caseNumber = page.getByTestId('case-number');
  await caseNumber.waitFor({ timeout: 30_000 });
  return (await caseNumber.textContent()) ?? '';
}

/** A demo staff account's bearer token. */
export async function staffToken(serverUrl: string, username: string): Promise<string> {
  const login = await fetch(`${serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'onetrip-demo' }) });
  return (await login.json() as { token: string }).token;
}

/** The documents of one collection a staff account sees on the server (first 500). */
export async function serverDocs<T = Record<string, unknown>>(serverUrl: string, username: string, collection: string): Promise<T[]> {
  const token = await staffToken(serverUrl, username);
  const res = await fetch(`${serverUrl}/api/v1/replication/${collection}/pull?updatedAt=0&id=&limit=500`, { headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' } });
  return ((await res.json()) as { documents: T[] }).documents;
}

/** The cases a staff account sees on the server (the read-only `cases` projection). */
export async function serverCases(serverUrl: string, username: string): Promise<{ caseId: string }[]> {
  return serverDocs<{ caseId: string }>(serverUrl, username, 'cases');
}

/** Slips the printer simulator decoded so far (text, and the QR codes' data). */
export async function printed(stack: KioskStack): Promise<{ text: string; qrCodes?: string[] }[]> {
  return await stack.agentCall('demoPrinted') as { text: string; qrCodes?: string[] }[];
}
