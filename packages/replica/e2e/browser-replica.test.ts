// Chromium with the browser storage (IndexedDB), driven from Node: write while the server is
// down, reload the page, start the server, and see the writes arrive. Also opens the raw
// IndexedDB records and finds no ID number or name in plain text. And the upgrade: a write
// made offline with RxDB's Dexie storage (before 2026-11-28) is still there after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { launchChromium, waitFor } from '@onetrip/testkit';
import type { ChromiumSession } from '@onetrip/testkit';
import { bundle, startPageServer } from '../src/node/page-server';
import type { PageServer } from '../src/node/page-server';
import { demoLogin, startSyncServer } from '../src/node/sync-server-process';
import type { SyncServerProcess } from '../src/node/sync-server-process';
import { actors, idNumber, submission } from '../src/node/fixtures';

const clerkUser = 'village-430182104201';
let server: SyncServerProcess;
let pages: PageServer;
let browser: ChromiumSession;
let token: string;
type Page = Awaited<ReturnType<ChromiumSession['context']['newPage']>>;

beforeAll(async () => {
  const [srv, script] = await Promise.all([
    startSyncServer(),
    bundle(fileURLToPath(new URL('../src/browser/test-page.ts', import.meta.url))),
  ]);
  server = srv;
  token = await demoLogin(server.url, clerkUser); // the token outlives the restart (the server keeps its data)
  pages = await startPageServer(script, server.port);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await server?.dispose();
});

type PageApi = {
  open(c: unknown): Promise<void>; submit(i: unknown): Promise<string>; rawIndexedDb(): Promise<string>;
  status(): { pendingDocuments: number; online: boolean } | undefined; caseStatus(id: string): Promise<string | undefined>; close(): Promise<void>;
  databases(): Promise<string[]>; applicantName(id: string): Promise<string | undefined>; sealedIn(): 'worker' | 'main thread';
};
declare const replicaPage: PageApi;

async function openPage(page: Page, extra: { name?: string; storage?: 'dexie' } = {}): Promise<void> {
  await page.goto(pages.url);
  await page.waitForFunction(() => document.title === 'replica-test-ready');
  const config = { token, actor: { ...actors.clerk, id: clerkUser }, deviceId: 'browser-desk-1', key: Array.from({ length: 32 }, (_, i) => i), ...extra };
  await page.evaluate((c) => replicaPage.open(c), config);
}

async function serverHasCase(caseId: string): Promise<boolean> {
  const admin = await demoLogin(server.url, 'admin');
  const res = await fetch(`${server.url}/api/v1/replication/caseEvents/pull?updatedAt=0&limit=1000`, {
    headers: { authorization: `Bearer ${admin}`, 'x-onetrip-protocol': '1' },
  });
  const body = (await res.json()) as { documents: Array<{ caseId: string }> };
  return body.documents.some((d) => d.caseId === caseId);
}

describe('browser replica (Chromium, IndexedDB)', () => {
  it('keeps an offline write through a reload and delivers it when the server starts', async () => {
    await server.stop();
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    await openPage(page);
    const caseId = await page.evaluate((s) => replicaPage.submit(s), submission());
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 1);

    const raw = await page.evaluate(() => replicaPage.rawIndexedDb());
    expect(raw).toContain(caseId);
    expect(raw).not.toContain(idNumber());
    expect(raw).not.toContain('周桂英');
    expect(raw).not.toContain('13800000000');

    await page.evaluate(() => replicaPage.close());
    await page.reload();
    await page.waitForFunction(() => document.title === 'replica-test-ready');
    await openPage(page);
    expect(await page.evaluate((id) => replicaPage.caseStatus(id), caseId)).toBe('submitted');
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 1);
    // sealed in the page's seal worker before the reload, opened there after it
    expect(await page.evaluate((id) => replicaPage.applicantName(id), caseId)).toBe('周桂英');
    expect(await page.evaluate(() => replicaPage.sealedIn())).toBe('worker');

    // a second tab of the same origin cannot open the same data beside the first
    const second = await browser.context.newPage();
    await second.goto(pages.url);
    await second.waitForFunction(() => document.title === 'replica-test-ready');
    const config = { token, actor: { ...actors.clerk, id: clerkUser }, deviceId: 'browser-desk-1', key: Array.from({ length: 32 }, (_, i) => i) };
    expect(await second.evaluate((c) => replicaPage.open(c).then(() => 'opened', (e: { code?: string }) => e.code), config)).toBe('REPLICA_OPEN_ELSEWHERE');
    // the second tab waits a moment for the first to let go: closing it makes room
    const waiting = second.evaluate((c) => replicaPage.open(c).then(() => 'opened', (e: { code?: string }) => e.code), config);
    await page.evaluate(() => replicaPage.close());
    expect(await waiting).toBe('opened');
    await second.evaluate(() => replicaPage.close());
    await second.close();
    await openPage(page);

    await server.start();
    await waitFor(() => serverHasCase(caseId), { timeoutMs: 30_000, description: 'the offline write on the server' });
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 0 && replicaPage.status()?.online === true, undefined, { timeout: 30_000 });
    await page.evaluate(() => replicaPage.close());
  });

  it('keeps an offline write made with the Dexie storage through the upgrade, and delivers it', async () => {
    await server.stop();
    const page = await browser.context.newPage();
    page.on('pageerror', (e) => console.error('page error:', e));
    const name = 'onetrip-upgrade-test';
    await openPage(page, { name, storage: 'dexie' });
    const caseId = await page.evaluate((s) => replicaPage.submit(s), submission());
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 1);
    await page.evaluate(() => replicaPage.close());
    expect(await page.evaluate(() => replicaPage.databases())).toContain(`rxdb-dexie-${name}--1--caseEvents`);

    await page.reload();
    await openPage(page, { name }); // the new storage
    expect(await page.evaluate((id) => replicaPage.caseStatus(id), caseId)).toBe('submitted');
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 1);
    // no second copy left behind (the replication's meta data is taken over when replication starts)
    await waitFor(async () => (await page.evaluate(() => replicaPage.databases())).every((d) => !d.startsWith(`rxdb-dexie-${name}`)),
      { timeoutMs: 20_000, description: 'the Dexie databases removed' });
    const raw = await page.evaluate(() => replicaPage.rawIndexedDb());
    expect(raw).toContain(caseId);
    expect(raw).not.toContain(idNumber());
    expect(raw).not.toContain('周桂英');

    await server.start();
    await waitFor(() => serverHasCase(caseId), { timeoutMs: 30_000, description: 'the write made before the upgrade on the server' });
    await page.waitForFunction(() => replicaPage.status()?.pendingDocuments === 0 && replicaPage.status()?.online === true, undefined, { timeout: 30_000 });
    await page.evaluate(() => replicaPage.close());
  });
});
