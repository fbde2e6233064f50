// Every main screen in Chinese, in English and in elderly mode: axe-core finds no serious or
// critical accessibility violation, and a screenshot of each is kept in artifacts/kiosk/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { artifactsDir, chromiumAvailable, socatAvailable } from '@onetrip/testkit';
import { START, openEnrolledKiosk, openItem } from './journey';
import type { KioskStack } from './stack';

const missing = chromiumAvailable() ?? socatAvailable();
if (missing) console.warn(`kiosk screens e2e skipped: ${missing}`);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol: the kiosk's CSP rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(o: unknown): Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

type Mode = { lang: 'zh' | 'en'; elderly: boolean };
const modes: Mode[] = [{ lang: 'zh', elderly: false }, { lang: 'en', elderly: false }, { lang: 'zh', elderly: true }];
const label = (m: Mode) => `${m.lang}${m.elderly ? '-elderly' : ''}`;

describe.skipIf(missing !== null)('kiosk screens: accessibility and screenshots', () => {
  let stack: KioskStack;
  let page: Page;
  let close: (() => Promise<void>) | undefined;
  const dir = artifactsDir('kiosk');

  beforeAll(async () => { ({ stack, page, close } = await openEnrolledKiosk({ viewport: { width: 1280, height: 1024 } })); }, 600_000);

  afterAll(async () => { await close?.(); });

  async function setMode(m: Mode) {
    if (m.lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    if (m.elderly) await page.getByRole('button', { name: m.lang === 'zh' ? '大字模式' : 'Large text' }).click();
  }

  async function check(name: string, m: Mode) {
    await page.screenshot({ path: join(dir, `${name}-${label(m)}.png`), fullPage: true });
    const found = await seriousViolations(page);
    expect(found.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `${name} ${label(m)}`).toEqual([]);
  }

  it.each(modes)('attract, home, item page and identify in %o', async (m) => {
    await page.goto(stack.kioskUrl);
    await page.getByText(START).waitFor();
    await check('attract', { lang: 'zh', elderly: false });
    await page.getByText(START).click();
    await setMode(m);
    await check('home', m);
    const fontPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.kiosk')!).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(m.elderly ? 28 : 18);
    await page.getByRole('button', { name: m.lang === 'zh' ? '首页' : 'Home' }).waitFor();
    await page.goto(stack.kioskUrl);
    await openItem(page, 'lnz', /老年证办理/);
    await setMode(m);
    await page.getByRole('heading', { level: 2 }).waitFor();
    await check('item', m);
    await page.getByRole('button', { name: m.lang === 'zh' ? '在本机申请' : 'Apply here' }).click();
    await check('identify', m);
  }, 180_000);
});
