// 低保申请 across the levels in Chromium, each staff member in their own browser: the village
// clerk applies for a villager (代办) with photos of the materials (the desk's camera and a
// file), accepts and forwards to the township; the township window, whose network is cut
// half-way (a TCP proxy between its desk and the server), accepts and forwards to 民政局 while
// offline; once it returns everything arrives, the city reviewer accepts, approves and issues the
// result to the township, the township records the collection, and the server holds every step
// exactly once. A clerk of another village sees none of it, in the UI or the API.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, waitFor, type ChromiumSession } from '@onetrip/testkit';
import { demoIdNumber } from '@onetrip/domain/testing';
import { act, expectStatus, openCase, signInAt, startDeskStack, DEMO_PASSWORD, type DeskStack } from './stack';
import { apiHeaders, pullAll, serverToken } from './server-api';

const missing = chromiumAvailable();
if (missing) console.warn(`desk e2e skipped: ${missing}`);

const VILLAGE = '430182101201'; // 龙泉村, 夏铎铺镇
const OTHER_VILLAGE = '430182101202'; // 石塘村
const TOWNSHIP = '430182101000';

interface ServerEvent { id: string; caseId: string; type: string; hlc: string; payload: { materials?: { sha256: string; size: number; materialCode: string }[] } }

describe.skipIf(missing !== null)('desk: 低保申请 village → township → 民政局, with the township offline half-way', () => {
  let stack: DeskStack;
  const browsers: ChromiumSession[] = [];
  let clerk: Page;
  let township: Page;
  let city: Page;
  let caseId = '';

  const newPage = async (fakeCamera = false) => {
    const b = await launchChromium({ fakeCamera });
    browsers.push(b);
    return b.context.newPage();
  };

  beforeAll(async () => {
    stack = await startDeskStack();
    clerk = await newPage(true);
    township = await newPage();
    city = await newPage();
  }, 300_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  });

  it('the village clerk applies for a villager with photos of the materials, accepts, and forwards to the township', async () => {
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    expect(await clerk.locator('header h1').textContent()).toBe('村代办员工作台');
    await clerk.getByRole('button', { name: '代办申请' }).click();
    await clerk.getByLabel('事项').selectOption({ label: '低保申请' });
    await clerk.getByLabel('姓名').fill('周桂英');
    await clerk.getByLabel('身份证号').fill(demoIdNumber());
    await clerk.getByLabel('联系电话').fill('13800000000');
    // the ID card with the desk's camera (Chromium's fake camera)
    await clerk.getByRole('button', { name: '打开摄像头' }).click();
    await clerk.getByRole('button', { name: '拍照: 申请人居民身份证' }).click({ timeout: 30_000 });
    await clerk.locator('li[data-material="idCard"] .taken').waitFor({ timeout: 30_000 });
    // the signed application form chosen from a file (a PNG the page draws)
    const png = await clerk.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 320; c.height = 200;
      const g = c.getContext('2d')!;
      g.fillStyle = '#fff'; g.fillRect(0, 0, 320, 200); g.fillStyle = '#000'; g.fillText('低保申请表 周桂英', 20, 100);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await clerk.getByLabel('选择文件: 申请表(可在终端或窗口填写)').setInputFiles({ name: 'application.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
    await clerk.locator('li[data-material="applicationForm"] .taken').waitFor({ timeout: 30_000 });
    await clerk.getByRole('button', { name: '提交申请' }).click();
    caseId = (await clerk.getByTestId('case-id').textContent({ timeout: 30_000 })) ?? '';
    expect(caseId).toMatch(/^[0-9A-Z]{26}$/);
    await expectStatus(clerk, '待受理');
    expect(await clerk.getByTestId('applicant-name').textContent()).toBe('周**');
    // the case page lists both photos, from the replica's blob store
    const photos = clerk.getByRole('region', { name: '材料照片' });
    await photos.locator('img[alt="申请人居民身份证"]').waitFor({ timeout: 30_000 });
    await photos.locator('img[alt="申请表(可在终端或窗口填写)"]').waitFor();
    await act(clerk, '受理');
    await expectStatus(clerk, '办理中');
    // the village may not decide 低保: the table offers no 批准 here
    await expect(clerk.getByRole('region', { name: '办理' }).getByRole('button', { name: '批准', exact: true }).count()).resolves.toBe(0);
    await act(clerk, '网端推送', '材料齐全，请乡镇审核');
    await expectStatus(clerk, '已推送');
  }, 180_000);

  it('the photographed materials reach the server with their blobs', async () => {
    const token = await serverToken(stack.serverUrl, `village-${VILLAGE}`);
    const submitted = await waitFor(async () => (await pullAll<ServerEvent>(stack.serverUrl, token, 'caseEvents')).find((e) => e.caseId === caseId && e.type === 'submitted'),
      { timeoutMs: 60_000, description: 'the application on the server' });
    const refs = submitted.payload.materials ?? [];
    expect(refs.map((r) => r.materialCode).sort()).toEqual(['applicationForm', 'idCard']);
    for (const ref of refs) {
      const res = await fetch(`${stack.serverUrl}/api/v1/blobs/${ref.sha256}`, { headers: apiHeaders(token) });
      expect(res.status).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(ref.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(ref.sha256);
      expect(bytes.subarray(0, 3).toString('hex')).toBe('ffd8ff'); // stored as JPEG
    }
  }, 90_000);

  it('a reveal of the applicant is audited by the server and shows the full name', async () => {
    await clerk.getByRole('button', { name: '查看完整信息' }).click();
    await clerk.getByLabel('查看原因（将记录审计）').fill('核对身份');
    await clerk.getByRole('region', { name: '申请人' }).getByRole('button', { name: '确定' }).click();
    await clerk.getByTestId('applicant-name').filter({ hasText: '周桂英' }).waitFor();
    expect(await clerk.getByTestId('applicant-id').textContent()).toBe(demoIdNumber());
    // the replica seals and opens personal fields in the app's seal worker (built by Vite, allowed by the page's CSP)
    expect(clerk.workers().map((w) => w.url()).filter((u) => /\/assets\/seal-worker-[\w-]+\.js$/.test(u))).toHaveLength(1);
    const audit = await pullAll<{ action: string; target: string; actorId?: string; details?: { reason?: string } }>(stack.serverUrl, await serverToken(stack.serverUrl, 'admin'), 'auditLog');
    const reveal = audit.filter((a) => a.action === 'reveal' && a.target === caseId);
    expect(reveal).toHaveLength(1);
    expect(reveal[0]?.details?.reason).toBe('核对身份');
  }, 60_000);

  it('the township accepts and forwards to 民政局 with its network cut; nothing moves until it returns', async () => {
    await signInAt(city, stack.desk.url, 'city-civilaffairs');
    expect(await city.locator('header h1').textContent()).toBe('市直部门审批');
    await signInAt(township, stack.cutDesk.url, `township-${TOWNSHIP}`);
    await openCase(township, caseId);
    await expectStatus(township, '已推送');
    stack.proxy.cut();
    await township.getByTestId('sync-status').filter({ hasText: '离线' }).waitFor({ timeout: 60_000 });
    await act(township, '受理');
    // 低保 is decided by 民政局: the township reviews and forwards, it may not approve
    await expect(township.getByRole('region', { name: '办理' }).getByRole('button', { name: '批准', exact: true }).count()).resolves.toBe(0);
    await act(township, '网端推送', '入户核查属实，报民政局审批');
    await expectStatus(township, '已推送');
    await township.getByTestId('sync-status').filter({ hasText: '待发送' }).waitFor();
    // nothing has left the township: the clerk still sees it at the township, the city has nothing
    await city.getByLabel('状态').selectOption('');
    await expect(city.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(0);
    const clerkView = await pullAll<ServerEvent>(stack.serverUrl, await serverToken(stack.serverUrl, `village-${VILLAGE}`), 'caseEvents');
    expect(clerkView.filter((e) => e.caseId === caseId).map((e) => e.type)).toEqual(['submitted', 'accepted', 'forwarded']);
    stack.proxy.restore();
    await township.getByTestId('sync-status').filter({ hasNotText: '待发送' }).filter({ hasText: '在线' }).waitFor({ timeout: 90_000 });
  }, 240_000);

  it('the 民政局 reviewer accepts, approves and issues to the township, where it is collected', async () => {
    await openCase(city, caseId, 90_000);
    await expectStatus(city, '已推送');
    await act(city, '受理');
    await act(city, '批准', '符合低保条件');
    await expectStatus(city, '已批准');
    await act(city, '出证', '请到乡镇政务服务中心领取', (form) => form.getByLabel('领取地点').selectOption({ label: '乡镇 夏铎铺镇' }).then(() => undefined));
    await expectStatus(city, '待领证');
    await expectStatus(township, '待领证', 60_000);
    await act(township, '确认领取');
    await expectStatus(township, '已办结');
    await expectStatus(city, '已办结', 60_000);
    await expectStatus(clerk, '已办结', 60_000);
  }, 240_000);

  it('the server holds every step of the chain exactly once', async () => {
    const events = (await pullAll<ServerEvent>(stack.serverUrl, await serverToken(stack.serverUrl, 'admin'), 'caseEvents')).filter((e) => e.caseId === caseId);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    expect(events.sort((a, b) => a.hlc.localeCompare(b.hlc)).map((e) => e.type))
      .toEqual(['submitted', 'accepted', 'forwarded', 'accepted', 'forwarded', 'accepted', 'approved', 'issued', 'collected']);
    const cases = await pullAll<{ caseId: string; status: string; needsDecision: boolean; decision: { level: string } | null }>(stack.serverUrl, await serverToken(stack.serverUrl, 'admin'), 'cases');
    expect(cases.find((c) => c.caseId === caseId)).toMatchObject({ status: 'completed', needsDecision: false, decision: { level: 'city' } });
  }, 60_000);

  it('a clerk of another village sees none of it, and the server refuses a step on it', async () => {
    const other = await newPage();
    await signInAt(other, stack.desk.url, `village-${OTHER_VILLAGE}`);
    await other.getByLabel('状态').selectOption('');
    await expect(other.locator(`tr[data-case-id="${caseId}"]`).count()).resolves.toBe(0);
    const token = await serverToken(stack.serverUrl, `village-${OTHER_VILLAGE}`);
    const pulled = await pullAll<{ caseId?: string }>(stack.serverUrl, token, 'cases');
    expect(pulled.some((d) => d.caseId === caseId)).toBe(false);
    const reveal = await fetch(`${stack.serverUrl}/api/v1/audit/reveal`, { method: 'POST', headers: { ...apiHeaders(token), 'content-type': 'application/json' }, body: JSON.stringify({ caseId, reason: '越权测试' }) });
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
