import { z } from 'zod';

export const Role = z.enum(['kiosk', 'villageClerk', 'townshipStaff', 'cityReviewer', 'admin']);
export type Role = z.infer<typeof Role>;

/** Where a case sits or an actor works. `city` is the county-level city (its departments). */
export const Level = z.enum(['kiosk', 'village', 'township', 'city']);
export type Level = z.infer<typeof Level>;

export const levels: readonly Level[] = Level.options;

/** Higher rank = higher level of government. */
export function levelRank(level: Level): number {
  return levels.indexOf(level);
}

/** The level each role works at. An administrator works for the whole county (city level). */
export const roleLevel: Readonly<Record<Role, Level>> = {
  kiosk: 'kiosk',
  villageClerk: 'village',
  townshipStaff: 'township',
  cityReviewer: 'city',
  admin: 'city',
};

export const levelNames: Readonly<Record<Level, { zh: string; en: string }>> = {
  kiosk: { zh: '自助终端', en: 'self-service kiosk' },
  village: { zh: '村(社区)公共服务中心', en: 'village public service centre' },
  township: { zh: '乡镇政务服务中心', en: 'township service centre' },
  city: { zh: '市直部门', en: 'city department' },
};

export const roleNames: Readonly<Record<Role, { zh: string; en: string }>> = {
  kiosk: { zh: '自助终端', en: 'kiosk' },
  villageClerk: { zh: '村代办员', en: 'village clerk' },
  townshipStaff: { zh: '乡镇窗口人员', en: 'township staff' },
  cityReviewer: { zh: '市直部门审批人员', en: 'city reviewer' },
  admin: { zh: '管理员', en: 'administrator' },
};
