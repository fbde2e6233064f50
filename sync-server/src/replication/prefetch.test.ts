import { describe, expect, it } from 'vitest';
import { PullPrefetch } from './prefetch';
import { PullPage } from './pull';

const q = (sql: string, ...values: unknown[]) => ({ sql, values });
const page = (id: string) => new PullPage([{ json: `{"id":"${id}"}`, id, seq: 1, caseId: null }], { id, updatedAt: 1 });

describe('PullPrefetch', () => {
  it('hands a read-ahead page only to the identical query, once, and only while fresh', async () => {
    let now = 0;
    const p = new PullPrefetch(8, () => now);
    let runs = 0;
    p.start(q('SELECT 1', 'scope-a', 5), async () => { runs += 1; return page('a'); });
    p.start(q('SELECT 1', 'scope-a', 5), async () => { runs += 1; return page('again'); });
    expect(runs).toBe(1);
    expect(p.take(q('SELECT 1', 'scope-b', 5))).toBeUndefined(); // another scope's query
    expect(p.take(q('SELECT 2', 'scope-a', 5))).toBeUndefined();
    expect((await p.take(q('SELECT 1', 'scope-a', 5)))?.rows[0]?.id).toBe('a');
    expect(p.take(q('SELECT 1', 'scope-a', 5))).toBeUndefined(); // used once
    p.start(q('SELECT 3'), async () => page('c'));
    now = 10_001;
    expect(p.take(q('SELECT 3'))).toBeUndefined(); // expired
  });

  it('hands out a read-ahead page only when it is full: a short one would end a catch-up before later writes', async () => {
    const p = new PullPrefetch();
    const full = new PullPage([1, 2].map((n) => ({ json: `{"id":"${n}"}`, id: String(n), seq: n, caseId: null })), { id: '2', updatedAt: 2 });
    p.start(q('SELECT full'), async () => full);
    expect(await p.takeFull(q('SELECT full'), 2)).toBe(full);
    p.start(q('SELECT short'), async () => page('a'));
    expect(await p.takeFull(q('SELECT short'), 2)).toBeUndefined();
    expect(p.take(q('SELECT short'))).toBeUndefined(); // taken, not kept for later
    p.start(q('SELECT failed'), async () => { throw new Error('db down'); });
    expect(await p.takeFull(q('SELECT failed'), 2)).toBeUndefined();
    expect(await p.takeFull(q('SELECT never'), 2)).toBeUndefined();
  });

  it('keeps at most `max` pages and forgets a failed read-ahead', async () => {
    const p = new PullPrefetch(2);
    for (const n of [1, 2, 3]) p.start(q(`SELECT ${n}`), async () => page(String(n)));
    expect(p.take(q('SELECT 1'))).toBeUndefined();
    expect(await p.take(q('SELECT 3'))).toBeDefined();
    p.start(q('SELECT 9'), async () => { throw new Error('db down'); });
    await new Promise((r) => setImmediate(r));
    expect(p.take(q('SELECT 9'))).toBeUndefined();
  });
});
