import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ancestorsOf, childrenOf, countyCodeOf, demoDepartments, demoRegions, Department, findSite, isWithinRegion, Region, regionLevelOf, townshipCodeOf } from './index';

describe('regions', () => {
  it('the demo tree is valid: 宁乡市, five townships with 3–4 villages each, every one marked demo', () => {
    for (const r of demoRegions) expect(Region.safeParse(r).success, r.code).toBe(true);
    for (const d of demoDepartments) expect(Department.safeParse(d).success, d.code).toBe(true);
    const townships = childrenOf(demoRegions, '430182000000');
    expect(townships.map((t) => t.name).sort()).toEqual(['夏铎铺镇', '大成桥镇', '花明楼镇', '灰汤镇', '黄材镇'].sort());
    for (const t of townships) {
      const villages = childrenOf(demoRegions, t.code);
      expect(villages.length).toBeGreaterThanOrEqual(3);
      expect(villages.length).toBeLessThanOrEqual(4);
      expect(t.sites.map((s) => s.kind).sort()).toEqual(['selfServiceArea', 'serviceCentre']);
      for (const v of villages) expect(v.sites[0]?.kind).toBe('villageCentre');
    }
    expect(demoRegions.every((r) => r.demo === true)).toBe(true);
    expect(new Set(demoRegions.map((r) => r.code)).size).toBe(demoRegions.length);
    expect(demoDepartments.map((d) => d.name)).toEqual(expect.arrayContaining(['民政局', '人力资源和社会保障局', '自然资源局', '医疗保障局', '卫生健康局', '农业农村局', '退役军人事务局', '残疾人联合会']));
  });

  it('parents and codes agree: every child code lies within its parent by structure', () => {
    for (const r of demoRegions) {
      if (r.parentCode) expect(isWithinRegion(r.code, r.parentCode)).toBe(true);
      expect(regionLevelOf(r.code)).toBe(r.level);
    }
    expect(ancestorsOf(demoRegions, '430182104201').map((r) => r.name)).toEqual(['宁乡市', '灰汤镇', '温泉村']);
    expect(findSite(demoRegions, 'site-430182104000-24h')?.kind).toBe('selfServiceArea');
  });

  it('isWithinRegion follows the code structure', () => {
    expect(isWithinRegion('430182104201', '430182104000')).toBe(true);
    expect(isWithinRegion('430182104201', '430182000000')).toBe(true);
    expect(isWithinRegion('430182104201', '430000000000')).toBe(true);
    expect(isWithinRegion('430182104201', '430182103000')).toBe(false);
    expect(isWithinRegion('430182104201', '430182104202')).toBe(false);
    expect(isWithinRegion('430182104000', '430182104201')).toBe(false);
    expect(isWithinRegion('4301821042', '430182104000')).toBe(false);
    expect(townshipCodeOf('430182104201')).toBe('430182104000');
    expect(countyCodeOf('430182104201')).toBe('430182000000');
  });

  it('property: within is reflexive and transitive along village → township → county', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{3}$/), fc.stringMatching(/^\d{3}$/), (t, v) => {
      fc.pre(t !== '000' && v !== '000');
      const village = `430182${t}${v}`;
      expect(isWithinRegion(village, village)).toBe(true);
      expect(isWithinRegion(village, townshipCodeOf(village)!)).toBe(true);
      expect(isWithinRegion(townshipCodeOf(village)!, countyCodeOf(village)!)).toBe(true);
    }));
  });
});
