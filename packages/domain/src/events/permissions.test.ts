import { describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- a test reads the docs page (text), not another workspace's code
import domainDoc from '../../../../docs/domain.md?raw';
import { permissionTable, renderPermissionTable } from './permissions';
import { roleLevel } from '../roles';

describe('permission table', () => {
  it('docs/domain.md shows exactly the table in the code', () => {
    const between = /<!-- permission-table:start -->\n([\s\S]*?)\n<!-- permission-table:end -->/.exec(domainDoc)?.[1];
    expect(between).toBe(renderPermissionTable());
  });

  it('every rule names roles, states and a bilingual note; admins only resolve decisions', () => {
    for (const rule of permissionTable) {
      expect(rule.roles.length).toBeGreaterThan(0);
      expect(rule.states.length).toBeGreaterThan(0);
      expect(rule.note.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.note.en).toMatch(/[a-z]/);
    }
    expect(permissionTable.filter((r) => r.roles.includes('admin')).map((r) => r.event)).toEqual(['decisionResolved']);
    expect(roleLevel.townshipStaff).toBe('township');
  });
});
