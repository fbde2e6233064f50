// 低保申请 across the levels in Chromium, each staff member in their own browser: the village
// clerk applies for a villager (代办) and accepts, then forwards to the township; the township
// window, whose network is cut half-way (a TCP proxy between its desk and the server), accepts,
// approves and issues offline; once the network returns everything arrives, and the clerk
// records the collection. A clerk of another village sees none of it, in the UI or the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, type ChromiumSession } from '@onetrip/testkit';
import { demoIdNumber } from '@onetrip/domain/testing';
import { act, DEMO_PASSWORD, expectStatus, openCase, signInAt, startDeskStack, type DeskStack } from './stack';

const missing = chromiumAvailable();
if (missing) console.warn(`desk e2e skipped: ${missing}`);

const VILLAGE = '430182101201'; // 龙泉村, 夏铎铺镇
const OTHER_VILLAGE = '430182101202'; // 石塘村
const TOWNSHIP = '430182101000';

describe.skipIf(missing !== null)('desk: 低保申请 village → township with the township offline half-way', () => {
  let stack: DeskStack;
  const browsers: ChromiumSession[] = [];
  let clerk: Page;
  let township: Page;
  let caseId = '';

  const newPage = async () => {
    const b = await launchChromium();
    browsers.push(b);
    return b.context.newPage();
  };

  beforeAll(async () => {
    stack = await startDeskStack();
    clerk = await newPage();
    township = await newPage();
  }, 300_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  });

  it('the village clerk applies for a villager and accepts, then forwards to the township', async () => {
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    expect(await clerk.locator('header h1').textContent()).toBe('村代办员工作台');
    await clerk.getByRole('button', { name: '代办申请' }).click();
    await clerk.getByLabel('事项').selectOption({ label: '低保申请' });
    await clerk.getByLabel('姓名').fill('周桂英');
    await clerk.getByLabel('身份证号').fill(demoIdNumber());
    await clerk.getByLabel('联系电话').fill('13800000000');
    await clerk.getByRole('button', { name: '提交申请' }).click();
    caseId = (await clerk.getByTestId('case-id').textContent({ timeout: 30_000 })) ?? '';
    expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
    await expectStatus(clerk, '待受理');
    expect(await clerk.getByTestId('applicant-name').textContent()).toBe('周**');
    await act(clerk, '受理');
    await expectStatus(clerk, '办理中');
    // the village may not decide 低保: the table offers no 批准 here
    await expect(clerk.getByRole('region', { name: '办理' }).getByRole('button', { name: '批准', exact: true }).count()).resolves.toBe(0);
    await act(clerk, '网端推送', '材料齐全，请乡镇审核');
    await expectStatus(clerk, '已推送');
  }, 180_000);

  it('a reveal of the applicant is audited by the server and shows the full name', async () => {
    await clerk.getByRole('button', { name: '查看完整信息' }).click();
    await clerk.getByLabel('查看原因（将记录审计）').fill('核对身份');
    await clerk.getByRole('region', { name: '申请人' }).getByRole('button', { name: '确定' }).click();
    await clerk.getByTestId('applicant-name').filter({ hasText: '周桂英' }).waitFor();
    expect(await clerk.getByTestId('applicant-id').textContent()).toBe(demoIdNumber());
  }, 60_000);

  it('the township works the case with its network cut, and it all arrives when it returns', async () => {
    await signInAt(township, stack.cutDesk.url, `township-${TOWNSHIP}`);
    await openCase(township, caseId);
    await expectStatus(township, '已推送');
    stack.proxy.cut();
    await township.getByTestId('sync-status').filter({ hasText: '离线' }).waitFor({ timeout: 60_000 });
    await act(township, '受理');
    await act(township, '批准', '');
    await expectStatus(township, '已批准');
    await act(township, '出证', '请到村服务中心领取', (form) => form.getByLabel('领取地点').selectOption({ label: '村 龙泉村' }).then(() => undefined));
    await expectStatus(township, '待领证');
    await township.getByTestId('sync-status').filter({ hasText: '待发送' }).waitFor();
    // nothing has reached the clerk while the township is cut off
    await expectStatus(clerk, '已推送', 5_000);
    stack.proxy.restore();
    await township.getByTestId('sync-status').filter({ hasNotText: '待发送' }).filter({ hasText: '在线' }).waitFor({ timeout: 90_000 });
    await expectStatus(clerk, '待领证', 60_000);
    await act(clerk, '确认领取');
    await expectStatus(clerk, '已办结');
    await expectStatus(township, '已办结', 60_000);
  }, 240_000);

  it('a clerk of another village sees none of it, and the server refuses a step on it', async () => {
    const other = await newPage();
    await signInAt(other, stack.desk.url, `village-${OTHER_VILLAGE}`);
    await other.getByLabel('状态').selectOption('');
    await expect(other.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(0);
    const login = await fetch(`${stack.serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `village-${OTHER_VILLAGE}`, password: DEMO_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' };
    const pulled = (await (await fetch(`${stack.serverUrl}/api/v1/replication/cases/pull?limit=1000`, { headers })).json()) as { documents: { caseId?: string }[] };
    expect(pulled.documents.some((d) => d.caseId === caseId)).toBe(false);
    const reveal = await fetch(`${stack.serverUrl}/api/v1/audit/reveal`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ caseId, reason: '越权测试' }) });
    expect(reveal.status).toBe(403);
  }, 120_000);

  it('signs in again offline on the same desk with the cached verifier, and locks after 5 wrong passwords', async () => {
    await township.getByRole('button', { name: '退出' }).click();
    // the language switch: English, then back to Chinese
    await township.getByRole('button', { name: 'English' }).click();
    await township.getByLabel('Username').waitFor();
    await township.getByRole('button', { name: 'Sign in' }).waitFor();
    await township.getByRole('button', { name: '中文' }).click();
    stack.proxy.cut();
    const tryPassword = async (password: string) => {
      await township.getByLabel('用户名').fill(`township-${TOWNSHIP}`);
      await township.getByLabel('密码').fill(password);
      await township.getByRole('button', { name: '登录' }).click();
    };
    await tryPassword('not-the-password');
    await township.getByRole('alert').filter({ hasText: '离线登录' }).waitFor({ timeout: 30_000 });
    await tryPassword(DEMO_PASSWORD);
    await township.getByRole('note').filter({ hasText: '离线登录' }).waitFor({ timeout: 30_000 });
    await township.getByLabel('状态').selectOption('');
    await township.locator(`tr[data-case-id="${caseId}"]`).filter({ hasText: '已办结' }).waitFor();
    await township.getByRole('button', { name: '退出' }).click();
    for (let i = 0; i < 5; i++) {
      await tryPassword(`wrong-${i}`);
      await township.getByRole('alert').filter({ hasText: /离线登录|15 分钟/ }).waitFor({ timeout: 30_000 });
    }
    await tryPassword(DEMO_PASSWORD);
    await township.getByRole('alert').filter({ hasText: '15 分钟' }).waitFor({ timeout: 30_000 });
    stack.proxy.restore();
  }, 180_000);
});
