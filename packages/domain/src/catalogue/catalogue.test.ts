import { describe, expect, it } from 'vitest';
import { pinyin } from 'pinyin-pro';
import { Item } from './schema';
import { demoCatalogue } from './demo';
import { checkCatalogue } from './invariants';
import { searchCatalogue } from './search';
import { demoDepartments } from '../regions';
import { levelRank } from '../roles';

const names = (items: readonly Item[]) => items.map((i) => i.name.zh);

describe('demo catalogue', () => {
  it('has at least 40 items, each valid against the schema', () => {
    expect(demoCatalogue.length).toBeGreaterThanOrEqual(40);
    for (const item of demoCatalogue) expect(Item.safeParse(item).error?.issues ?? [], item.code).toEqual([]);
  });

  it('holds its invariants: unique codes, decide ≥ accept, promised ≤ statutory, negative list consistent, known departments', () => {
    expect(checkCatalogue(demoCatalogue, demoDepartments)).toEqual([]);
    for (const item of demoCatalogue) {
      expect(levelRank(item.decideLevel)).toBeGreaterThanOrEqual(levelRank(item.acceptLevel));
      expect(item.promisedDays).toBeLessThanOrEqual(item.statutoryDays);
    }
  });

  it('the invariant check catches broken items', () => {
    const good = demoCatalogue[0]!;
    const broken = [good, { ...good }, { ...good, code: 'X-BAD-1', acceptLevel: 'city' as const, decideLevel: 'village' as const, promisedDays: 99, statutoryDays: 10 }];
    const problems = checkCatalogue(broken, demoDepartments);
    expect(problems.some((p) => p.includes('duplicate code'))).toBe(true);
    expect(problems.some((p) => p.includes('decides below'))).toBe(true);
    expect(problems.some((p) => p.includes('promised limit'))).toBe(true);
  });

  it('includes the items the issue names', () => {
    const required = ['低保申请', '特困供养申请', '临时救助', '高龄津贴', '老年证办理', '残疾人两项补贴', '城乡居民养老保险参保登记',
      '养老保险待遇资格认证', '城乡居民医保参保缴费', '耕地地力保护补贴', '生育登记', '居住证明', '农村宅基地申请',
      '农村宅基地房屋首次登记', '农机购置补贴', '危房改造补助', '就业失业登记', '退役军人优待证', '殡葬补贴'];
    expect(required.filter((n) => !names(demoCatalogue).includes(n))).toEqual([]);
    expect(demoCatalogue.find((i) => i.name.zh === '养老保险待遇资格认证')?.livePhotoRequired).toBe(true);
    const negative = demoCatalogue.filter((i) => i.trips === 'negativeList');
    expect(negative.map((i) => i.negativeList?.reason.zh).join()).toMatch(/踏勘|现场/);
    expect(negative.map((i) => i.negativeList?.reason.zh).join()).toMatch(/听证/);
    expect(demoCatalogue.some((i) => i.materials.some((m) => m.waivedBy))).toBe(true);
  });

  it('precomputed pinyin initials agree with pinyin-pro', () => {
    const wrong = demoCatalogue.flatMap((item) => {
      const han = item.name.zh.replace(/[^\u4e00-\u9fff]/g, '');
      const initials = (pinyin(han, { pattern: 'first', toneType: 'none', type: 'array' }) as string[]).join('').toLowerCase();
      return initials === item.pinyinInitials ? [] : [`${item.name.zh}: ${item.pinyinInitials} ≠ ${initials}`];
    });
    expect(wrong).toEqual([]);
  });

  it('kiosk search finds 老年证办理 by lnz, by Chinese text and by English', () => {
    expect(names(searchCatalogue(demoCatalogue, 'lnz'))[0]).toBe('老年证办理');
    expect(names(searchCatalogue(demoCatalogue, 'LNZ'))[0]).toBe('老年证办理');
    expect(names(searchCatalogue(demoCatalogue, '宅基地'))).toEqual(['农村宅基地申请', '农村宅基地房屋首次登记']);
    expect(names(searchCatalogue(demoCatalogue, 'funeral'))).toEqual(['殡葬补贴']);
    expect(searchCatalogue(demoCatalogue, 'qqqqq')).toEqual([]);
  });
});
