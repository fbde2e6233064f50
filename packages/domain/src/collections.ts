import { z } from 'zod';
import { Role } from './roles';
import { DepartmentCode, RegionCode, SiteId } from './regions/schema';
import { ItemCode } from './catalogue/schema';
import { Ulid } from './ids';
import { DeviceId, ActorId } from './events/schema';

const isoTime = z.iso.datetime({ offset: true });
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A queue number (取号) at one site on one day. */
export const Ticket = z.object({
  id: Ulid,
  siteId: SiteId,
  regionCode: RegionCode,
  day: isoDay,
  number: z.int().min(1).max(9999),
  itemCode: ItemCode.optional(),
  status: z.enum(['waiting', 'called', 'served', 'skipped']),
  createdAt: isoTime,
  calledAt: isoTime.optional(),
  /** The window (窗口) the number was last called to, as the hall display announces it. */
  counter: z.int().min(1).max(99).optional(),
  deviceId: DeviceId,
});
export type Ticket = z.infer<typeof Ticket>;

/** 好差评: the citizen's rating of a case (also recorded as a `rated` case event). */
export const Rating = z.object({
  id: Ulid,
  caseId: Ulid,
  regionCode: RegionCode,
  score: z.int().min(1).max(5),
  reasons: z.array(z.string().max(100)).max(10),
  createdAt: isoTime,
  deviceId: DeviceId,
});
export type Rating = z.infer<typeof Rating>;

export const DeviceHealth = z.object({
  printer: z.enum(['ok', 'paperOut', 'coverOpen', 'offline', 'unknown']).optional(),
  idReader: z.enum(['ok', 'offline', 'unknown']).optional(),
  camera: z.enum(['ok', 'offline', 'unknown']).optional(),
  pendingEvents: z.int().min(0).max(1_000_000).optional(),
  appVersion: z.string().max(40).optional(),
  diskFreeMb: z.int().min(0).optional(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

/** An enrolled kiosk (or desk workstation) in the fleet. */
export const Device = z.object({
  id: DeviceId,
  name: z.string().min(1).max(100),
  siteId: SiteId,
  regionCode: RegionCode,
  status: z.enum(['active', 'revoked']),
  lastSeenAt: isoTime.optional(),
  health: DeviceHealth.optional(),
});
export type Device = z.infer<typeof Device>;

/** A staff account. No password material: that stays on the server. */
export const User = z.object({
  id: ActorId,
  username: z.string().regex(/^[a-z0-9_.-]{2,40}$/),
  displayName: z.string().min(1).max(50),
  role: Role,
  regionCode: RegionCode,
  departmentCode: DepartmentCode.optional(),
  siteId: SiteId.optional(),
  active: z.boolean(),
});
export type User = z.infer<typeof User>;

/** One row of the append-only audit trail, hash-chained per writer (each server instance or device). */
export const AuditEntry = z.object({
  id: Ulid,
  writer: z.string().min(1).max(64),
  seq: z.int().min(1),
  at: isoTime,
  actorId: z.string().min(1).max(64),
  action: z.string().regex(/^[a-z][a-zA-Z0-9.]{1,63}$/),
  target: z.string().max(200),
  regionCode: RegionCode,
  details: z.record(z.string().max(64), z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]))
    .refine((d) => Object.keys(d).length <= 30, { message: 'at most 30 details / 详情最多30项' }),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** The previous hash of the first entry of every writer's chain. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);
