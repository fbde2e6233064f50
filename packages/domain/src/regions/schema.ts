import { z } from 'zod';
import { Bilingual } from '../errors';

/** The 12-digit national administrative division code (统计用区划代码). */
export const RegionCode = z.string().regex(/^\d{12}$/, 'region code: 12 digits / 行政区划代码应为12位数字');
export type RegionCode = z.infer<typeof RegionCode>;

export const RegionLevel = z.enum(['county', 'township', 'village']);
export type RegionLevel = z.infer<typeof RegionLevel>;

export const SiteKind = z.enum(['serviceCentre', 'selfServiceArea', 'villageCentre']);
export type SiteKind = z.infer<typeof SiteKind>;

export const SiteId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/);

export const Site = z.object({
  id: SiteId,
  name: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(200),
  kind: SiteKind,
  regionCode: RegionCode,
  phone: z.string().regex(/^[0-9-]{5,20}$/),
  address: z.string().min(1).max(200),
  hours: Bilingual,
});
export type Site = z.infer<typeof Site>;

export const Region = z.object({
  code: RegionCode,
  name: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(200),
  level: RegionLevel,
  parentCode: RegionCode.nullable(),
  sites: z.array(Site).max(50),
  /** Invented for demonstration; not official data. */
  demo: z.literal(true).optional(),
});
export type Region = z.infer<typeof Region>;

export const DepartmentCode = z.string().regex(/^[a-z][a-zA-Z0-9-]{1,39}$/);

/** A city department (市直部门). Its region code is the county's. */
export const Department = z.object({
  code: DepartmentCode,
  name: z.string().min(1).max(100),
  nameEn: z.string().min(1).max(200),
  regionCode: RegionCode,
});
export type Department = z.infer<typeof Department>;
