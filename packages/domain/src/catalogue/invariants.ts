import { levelRank } from '../roles';
import type { Department } from '../regions/schema';
import { Item } from './schema';

/** Problems in a catalogue beyond its schema; empty when it is sound. Messages are for administrators. */
export function checkCatalogue(items: readonly Item[], departments: readonly Department[]): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  const departmentCodes = new Set(departments.map((d) => d.code));
  for (const item of items) {
    const p = (text: string) => problems.push(`${item.code}: ${text}`);
    const parsed = Item.safeParse(item);
    if (!parsed.success) p(`schema: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    if (codes.has(item.code)) p('duplicate code / 事项编码重复');
    codes.add(item.code);
    if (!departmentCodes.has(item.departmentCode)) p('unknown department / 部门不存在');
    if (levelRank(item.decideLevel) < levelRank(item.acceptLevel)) p('decides below the level that accepts / 审批层级低于受理层级');
    if (item.decideLevel === 'kiosk') p('a kiosk cannot decide / 自助终端不能审批');
    if (item.promisedDays > item.statutoryDays) p('promised limit above the statutory one / 承诺时限超过法定时限');
    if ((item.trips === 'negativeList') !== (item.negativeList !== undefined)) p('negative list entry without trips = negativeList or the reverse / 负面清单标记不一致');
    if (item.trips === 0 && !item.kioskAllowed) p('a zero-trip item must be possible at a kiosk / 不见面事项须可在终端办理');
    if (item.acceptLevel === 'kiosk' && !item.kioskAllowed) p('accepted at kiosks but not kiosk-allowed / 终端受理但未开放终端办理');
    if (item.kioskAllowed && levelRank(item.acceptLevel) > levelRank('village')) p('kiosk-allowed but accepted above the village / 终端可办但受理层级过高');
    if (new Set(item.materials.map((m) => m.code)).size !== item.materials.length) p('duplicate material code / 材料编码重复');
    if (new Set(item.formFields.map((f) => f.key)).size !== item.formFields.length) p('duplicate form field / 表单字段重复');
    if (item.materials.some((m) => m.waivedBy && m.original)) p('a waived material cannot also require an original / 免交材料不应要求原件');
  }
  return problems;
}
