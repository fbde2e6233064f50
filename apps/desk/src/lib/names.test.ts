import { describe, expect, it } from 'vitest';
import { demoCatalogue, demoRegions } from '@onetrip/domain';
import { createNames } from './names';

const tk = demoCatalogue.find((i) => i.code === 'MZ-TK-01')!;
const village = demoRegions.find((r) => r.code === '430182101201')!;

describe('names from the synced items and regions', () => {
  it('uses the bundled catalogue and region tree until something is synced', () => {
    const names = createNames();
    expect(names.itemName('MZ-TK-01', 'zh')).toBe('特困供养申请');
    expect(names.regionName('430182101201', 'zh')).toBe(village.name);
    expect(names.itemName('XX-NONE-1', 'en')).toBe('XX-NONE-1');
    expect(names.catalogue).toHaveLength(demoCatalogue.length);
  });

  it('shows a synced rename (documents as the replica holds them, with their local key)', () => {
    const renamed = { ...tk, id: tk.code, name: { zh: '特困人员救助供养', en: 'Support and care for people in extreme poverty' } };
    const region = { ...village, id: village.code, name: '龙泉社区' };
    const names = createNames([renamed], [region]);
    expect(names.itemName('MZ-TK-01', 'zh')).toBe('特困人员救助供养');
    expect(names.findItem('MZ-TK-01')?.name.en).toBe('Support and care for people in extreme poverty');
    expect(names.regionName('430182101201', 'zh')).toBe('龙泉社区');
    expect(names.catalogue.filter((i) => i.code === 'MZ-TK-01')).toHaveLength(1);
  });

  it('ignores a malformed synced document and keeps the bundled one', () => {
    const names = createNames([{ ...tk, name: 'not bilingual' }, { code: 'MZ-TK-01' }, null, 42], [{ ...village, level: 'planet' }]);
    expect(names.itemName('MZ-TK-01', 'zh')).toBe('特困供养申请');
    expect(names.regionName('430182101201', 'zh')).toBe(village.name);
  });

  it('lists the sites of a township and of its villages', () => {
    const sites = createNames().sitesIn('430182101000').map((s) => s.id);
    expect(sites).toContain('site-430182101000-centre');
    expect(sites).toContain('site-430182101201');
  });
});

describe('catalogue refresh interval from config.json', () => {
  it('defaults to a minute and stays between 1 s and 1 h', async () => {
    const { catalogueRefreshMs } = await import('./desk-replica');
    expect(catalogueRefreshMs(undefined)).toBe(60_000);
    expect(catalogueRefreshMs('5')).toBe(60_000);
    expect(catalogueRefreshMs(2_000)).toBe(2_000);
    expect(catalogueRefreshMs(1)).toBe(1_000);
    expect(catalogueRefreshMs(1e12)).toBe(3_600_000);
  });
});
