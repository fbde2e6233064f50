// More of the desk in Chromium against the real sync server: a kiosk's 老年证 application issued
// by the village clerk the same day; 农村宅基地房屋首次登记 from the township window to 自然资源局
// and back for collection; two offline decisions on one case (the same clerk on two desks, both
// cut off) that surface as needing a decision and are resolved by the township; queue calling
// with the hall display's voice announcement; 补正 with the printed notice and the supplied
// photo; and an item renamed on the server showing its new name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium, waitFor, type ChromiumSession } from '@onetrip/testkit';
import { demoIdNumber } from '@onetrip/domain/testing';
import { enrollKiosk, kioskApply, kioskTicket, type EnrolledKiosk } from './kiosk-client';
import { act, agentCall, DEMO_PASSWORD, expectStatus, openCase, signInAt, startDeskStack, type DeskStack } from './stack';
import { apiHeaders, pullAll, serverToken } from './server-api';

const missing = chromiumAvailable();
if (missing) console.warn(`desk e2e skipped: ${missing}`);

const VILLAGE = '430182101201';
const TOWNSHIP = '430182101000';

describe.skipIf(missing !== null)('desk across levels', () => {
  let stack: DeskStack;
  let kiosk: EnrolledKiosk;
  const browsers: ChromiumSession[] = [];
  let main: ChromiumSession;

  const pageIn = async (session?: ChromiumSession) => {
    let s = session;
    if (!s) { s = await launchChromium(); browsers.push(s); }
    return s.context.newPage();
  };

  beforeAll(async () => {
    stack = await startDeskStack({ agent: true });
    kiosk = await enrollKiosk(stack.serverUrl, stack.enrollmentCode);
    main = await launchChromium();
    browsers.push(main);
  }, 300_000);

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await stack?.stop();
  });

  it('老年证办理: a kiosk application, accepted and issued by the village clerk the same day', async () => {
    const caseId = await kioskApply(stack.serverUrl, kiosk, 'MZ-LNZ-01', VILLAGE);
    const clerk = await pageIn(main);
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    await openCase(clerk, caseId);
    await expectStatus(clerk, '待受理');
    await act(clerk, '受理');
    await act(clerk, '批准', '');
    await act(clerk, '出证', '', (form) => form.getByLabel('领取地点').selectOption({ label: '村 龙泉村' }).then(() => undefined));
    await expectStatus(clerk, '待领证');
    await act(clerk, '确认领取');
    await expectStatus(clerk, '已办结');
    await clerk.close();
  }, 180_000);

  it('农村宅基地房屋首次登记: township window → 自然资源局 approves → collected at the township', async () => {
    const township = await pageIn(main);
    await signInAt(township, stack.desk.url, `township-${TOWNSHIP}`);
    expect(await township.locator('header h1').textContent()).toBe('乡镇一窗受理');
    await township.getByRole('button', { name: '代办申请' }).click();
    await township.getByLabel('事项').selectOption({ label: '农村宅基地房屋首次登记' });
    await township.getByLabel('姓名').fill('刘建国');
    await township.getByLabel('身份证号').fill(demoIdNumber('43018219700101123'));
    await township.getByRole('button', { name: '提交申请' }).click();
    const caseId = (await township.getByTestId('case-id').textContent({ timeout: 30_000 })) ?? '';
    await act(township, '受理');
    await act(township, '网端推送', '请自然资源局审批');
    await expectStatus(township, '已推送');

    const city = await pageIn(main);
    await signInAt(city, stack.desk.url, 'city-naturalresources');
    expect(await city.locator('header h1').textContent()).toBe('市直部门审批');
    await openCase(city, caseId);
    await act(city, '受理');
    await act(city, '批准', '同意登记');
    await act(city, '出证', '', async (form) => { await form.getByLabel('证照编号（可选）').fill('湘(2026)宁乡市不动产权第0001号'); });
    await expectStatus(city, '待领证');
    await expectStatus(township, '待领证', 60_000);
    await act(township, '确认领取');
    await expectStatus(township, '已办结');
    await expectStatus(city, '已办结', 60_000);
    await city.close();
    await township.close();
  }, 240_000);

  it('two offline decisions on one case need a decision, and the township resolves it', async () => {
    const caseId = await kioskApply(stack.serverUrl, kiosk, 'MZ-LNZ-01', VILLAGE);
    const [a, b] = [await pageIn(), await pageIn()];
    const [deskA, deskB] = stack.cutDesks as [DeskStack['cutDesks'][number], DeskStack['cutDesks'][number]];
    await signInAt(a, deskA.desk.url, `village-${VILLAGE}`);
    await openCase(a, caseId);
    await act(a, '受理');
    await signInAt(b, deskB.desk.url, `village-${VILLAGE}`);
    await openCase(b, caseId);
    await expectStatus(b, '办理中', 60_000);
    deskA.proxy.cut();
    deskB.proxy.cut();
    await act(a, '批准', '');
    await act(b, '不予批准', '户籍不在本村');
    deskA.proxy.restore();
    deskB.proxy.restore();
    for (const p of [a, b]) await p.locator('.case-status').getByText('需决定').waitFor({ timeout: 90_000 });
    // a village clerk may not resolve: only the conflict is shown
    await expect(a.getByRole('button', { name: /采纳此项/ }).count()).resolves.toBe(0);

    const township = await pageIn(main);
    await signInAt(township, stack.desk.url, `township-${TOWNSHIP}`);
    await township.getByLabel('只看需决定').check();
    await openCase(township, caseId);
    const conflict = township.getByRole('group', { name: /离线冲突/ });
    await expect(conflict.locator('li').count()).resolves.toBe(2);
    await conflict.getByRole('button', { name: '采纳此项: 批准' }).click();
    await expectStatus(township, '已批准');
    await township.locator('.case-status .needs-decision').waitFor({ state: 'detached' });
    await a.locator('.case-status .needs-decision').waitFor({ state: 'detached', timeout: 60_000 });
    await expectStatus(b, '已批准', 60_000);
    await township.close(); // each desk tab holds 2 of the profile's 6 connections to the server
  }, 300_000);

  it('queue calling at the township: call next, skip, and the hall display shows the number', async () => {
    const ids = [await kioskTicket(stack.serverUrl, kiosk, 1), await kioskTicket(stack.serverUrl, kiosk, 2)];
    const township = await pageIn(main);
    await signInAt(township, stack.desk.url, `township-${TOWNSHIP}`);
    await township.getByRole('button', { name: '叫号' }).click();
    await township.getByLabel('服务点').selectOption({ label: '夏铎铺镇24小时自助服务区' });
    await township.getByText('等候 2 人').waitFor({ timeout: 60_000 });
    await township.getByLabel('本窗口号').fill('2');
    const hall = await pageIn(main);
    // record what the page asks the platform to say (the voice list is chooseVoice's business, unit-tested)
    await hall.addInitScript(() => {
      const w = window as unknown as { spoken: string[] };
      w.spoken = [];
      const synth = window.speechSynthesis;
      synth.getVoices = () => [];
      synth.speak = (u: SpeechSynthesisUtterance) => { w.spoken.push(`${u.lang}|${u.text}`); };
    });
    await hall.goto(new URL('/hall', stack.desk.url).toString());
    await hall.getByRole('button', { name: /开启语音播报/ }).click();
    const spoken = () => hall.evaluate(() => (window as unknown as { spoken: string[] }).spoken);
    await township.getByRole('button', { name: '叫下一位' }).click();
    await township.getByTestId('queue-current').filter({ hasText: 'A001' }).waitFor();
    await hall.getByTestId('hall-current').filter({ hasText: 'A001' }).waitFor();
    await hall.getByTestId('hall-call').filter({ hasText: '请 A001 号到 2 号窗口' }).waitFor();
    await waitFor(async () => (await spoken()).includes('zh-CN|请 A001 号到 2 号窗口'), { timeoutMs: 10_000, description: 'A001 announced' });
    await township.getByRole('button', { name: '过号' }).click();
    await township.getByTestId('queue-current').filter({ hasText: 'A002' }).waitFor();
    await hall.getByTestId('hall-current').filter({ hasText: 'A002' }).waitFor();
    await waitFor(async () => (await spoken()).includes('zh-CN|请 A002 号到 2 号窗口'), { timeoutMs: 10_000, description: 'A002 announced' });
    // 重呼 says it again; nothing else was announced (no skipped number, no repeat of A001)
    await township.getByRole('button', { name: '重呼' }).click();
    await waitFor(async () => (await spoken()).filter((x) => x.endsWith('A002 号到 2 号窗口')).length === 2, { timeoutMs: 10_000, description: 'A002 announced again' });
    expect((await spoken()).filter((x) => x.includes('A001'))).toHaveLength(1);
    // the server has the calls
    const login = await fetch(`${stack.serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `township-${TOWNSHIP}`, password: DEMO_PASSWORD }) });
    const { token } = (await login.json()) as { token: string };
    const statusOf = async () => {
      const res = await fetch(`${stack.serverUrl}/api/v1/replication/tickets/pull?limit=1000`, { headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' } });
      const docs = ((await res.json()) as { documents: { id: string; status: string; counter?: number }[] }).documents;
      return ids.map((id) => { const d = docs.find((x) => x.id === id); return `${d?.status}@${d?.counter}`; });
    };
    await waitFor(async () => JSON.stringify(await statusOf()) === JSON.stringify(['skipped@2', 'called@2']), { timeoutMs: 30_000, description: 'ticket calls on the server' });
    await hall.close();
    await township.close();
  }, 180_000);

  it('代办 with the ID-card reader: a card on the reader fills the villager in', async (ctx) => {
    if (!stack.agent) { console.warn('ID-card reader test skipped: socat is missing, so the agent has no simulated reader'); ctx.skip(); return; }
    const clerk = await pageIn(main);
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    await clerk.getByRole('button', { name: '代办申请' }).click();
    await clerk.getByTestId('reader-state').filter({ hasText: '请将身份证放在读卡器上' }).waitFor();
    await agentCall(clerk, stack.agent, 'demoLiftCard');
    await agentCall(clerk, stack.agent, 'demoPlaceCard', { card: 0 });
    await clerk.getByTestId('reader-state').filter({ hasText: '已读取身份证' }).waitFor({ timeout: 30_000 });
    expect(await clerk.getByLabel('姓名').inputValue()).toBe('周秀英');
    expect(await clerk.getByLabel('身份证号').inputValue()).toBe('430182195603120427');
    await clerk.getByLabel('事项').selectOption({ label: '高龄津贴' });
    await clerk.getByRole('button', { name: '提交申请' }).click();
    await expectStatus(clerk, '待受理');
    await clerk.close();
  }, 120_000);

  it('补正: the clerk asks for a material with a printed notice, then records it supplied with a photo', async () => {
    const caseId = await kioskApply(stack.serverUrl, kiosk, 'MZ-LNZ-01', VILLAGE);
    const clerk = await pageIn(main);
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    await openCase(clerk, caseId);
    await act(clerk, '受理');
    await act(clerk, '补正', '照片不清晰，请补交', (form) => form.getByLabel('近期二寸免冠彩色照片').check());
    await expectStatus(clerk, '待补正');
    const notice = clerk.getByRole('dialog', { name: '补正材料告知书' });
    await notice.getByText('近期二寸免冠彩色照片 / recent two-inch colour photo').waitFor();
    await notice.getByText(caseId).waitFor();
    expect(await notice.getByTestId('notice-reason').textContent()).toContain('照片不清晰，请补交');
    await clerk.evaluate(() => { const w = window as unknown as { printed: number }; w.printed = 0; window.print = () => { w.printed++; }; });
    await notice.getByRole('button', { name: '打印补正告知书' }).click();
    expect(await clerk.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await notice.getByRole('button', { name: '取消' }).click();
    const png = await clerk.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 200; c.height = 280;
      const g = c.getContext('2d')!;
      g.fillStyle = '#4a90d9'; g.fillRect(0, 0, 200, 280);
      return c.toDataURL('image/png').split(',')[1]!;
    });
    await act(clerk, '补齐材料', '', async (form) => {
      await form.getByLabel('选择文件: 近期二寸免冠彩色照片').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') });
      await form.locator('li[data-material="photo"] .taken').waitFor({ timeout: 30_000 });
    });
    await expectStatus(clerk, '办理中');
    await clerk.getByRole('region', { name: '材料照片' }).locator('img[alt="近期二寸免冠彩色照片"]').waitFor({ timeout: 30_000 });
    const token = await serverToken(stack.serverUrl, `village-${VILLAGE}`);
    const supplied = await waitFor(async () => (await pullAll<{ caseId: string; type: string; payload: { materials: { sha256: string; materialCode: string }[] } }>(stack.serverUrl, token, 'caseEvents'))
      .find((e) => e.caseId === caseId && e.type === 'materialsSupplied'), { timeoutMs: 60_000, description: 'the supplied photo on the server' });
    expect(supplied.payload.materials.map((m) => m.materialCode)).toEqual(['photo']);
    expect((await fetch(`${stack.serverUrl}/api/v1/blobs/${supplied.payload.materials[0]!.sha256}`, { headers: apiHeaders(token) })).status).toBe(200);
    await clerk.close();
  }, 180_000);

  it('an item renamed on the server shows its new name on the desk, live', async () => {
    await kioskApply(stack.serverUrl, kiosk, 'MZ-LNZ-01', VILLAGE);
    const clerk = await pageIn(main);
    await signInAt(clerk, stack.desk.url, `village-${VILLAGE}`);
    await clerk.locator('tbody tr').filter({ hasText: '老年证办理' }).first().waitFor({ timeout: 60_000 });
    const admin = await serverToken(stack.serverUrl, 'admin');
    const items = await pullAll<Record<string, unknown> & { code: string }>(stack.serverUrl, admin, 'items');
    const master = items.find((i) => i.code === 'MZ-LNZ-01')!;
    const renamed = { ...master, name: { zh: '老年人优待证办理', en: 'Senior citizen preferential card' } };
    const res = await fetch(`${stack.serverUrl}/api/v1/replication/items/push`, {
      method: 'POST', headers: { ...apiHeaders(admin), 'content-type': 'application/json' },
      body: JSON.stringify([{ assumedMasterState: master, newDocumentState: renamed }]),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
    await clerk.locator('tbody tr').filter({ hasText: '老年人优待证办理' }).first().waitFor({ timeout: 60_000 });
    await expect(clerk.locator('tbody tr').filter({ hasText: '老年证办理' }).count()).resolves.toBe(0);
    await clerk.getByRole('button', { name: 'English' }).click();
    await clerk.locator('tbody tr').filter({ hasText: 'Senior citizen preferential card' }).first().waitFor();
    await clerk.close();
  }, 120_000);
});
