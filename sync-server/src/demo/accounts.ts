import { COUNTY_CODE, demoDepartments, demoRegions } from '../domain';
import type { Role } from '../domain';

export const DEMO_PASSWORD = 'onetrip-demo';

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  active: true;
  role: Role;
  regionCode: string;
  departmentCode?: string;
}

/**
 * One account per role and place: `admin`; `township-<code>` per township; `village-<code>`
 * per village; `city-<department>` per city department. Ids equal usernames, so the list is
 * stable across restarts.
 */
export function demoUsers(): DemoUser[] {
  const users: DemoUser[] = [{ id: 'admin', username: 'admin', displayName: '系统管理员', active: true, role: 'admin', regionCode: COUNTY_CODE }];
  for (const r of demoRegions) {
    if (r.level === 'township') users.push({ id: `township-${r.code}`, username: `township-${r.code}`, displayName: `${r.name}窗口`, active: true, role: 'townshipStaff', regionCode: r.code });
    if (r.level === 'village') users.push({ id: `village-${r.code}`, username: `village-${r.code}`, displayName: `${r.name}代办员`, active: true, role: 'villageClerk', regionCode: r.code });
  }
  for (const d of demoDepartments) {
    const name = `city-${d.code.toLowerCase()}`;
    users.push({ id: name, username: name, displayName: `${d.name}审批员`, active: true, role: 'cityReviewer', regionCode: d.regionCode, departmentCode: d.code });
  }
  return users;
}
