import { z } from 'zod';
import { Level, Role } from '../roles';
import { DepartmentCode, RegionCode, SiteId } from '../regions/schema';
import { ItemCode } from '../catalogue/schema';
import { CheckCode, Ulid } from '../ids';
import { HlcString } from '../hlc';
import { Applicant, BlobRef, CaseEventType, DeviceId, ActorId, MaterialCode } from './schema';

export const CaseStatus = z.enum([
  'submitted', 'accepted', 'awaitingMaterials', 'forwarded', 'approved', 'rejected', 'issued', 'completed', 'withdrawn',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Statuses after which nothing but a rating may happen. */
export const terminalStatuses: readonly CaseStatus[] = ['rejected', 'completed', 'withdrawn'];

export const Holder = z.object({ level: Level, regionCode: RegionCode, departmentCode: DepartmentCode.optional() });
export type Holder = z.infer<typeof Holder>;

/** What the fold did with an event: applied it, found it redundant, kept it as one side of a fork, refused or overruled it. */
export const EventOutcome = z.enum(['applied', 'redundant', 'conflict', 'refused', 'overruled']);
export type EventOutcome = z.infer<typeof EventOutcome>;

export const HistoryEntry = z.object({
  eventId: Ulid,
  type: CaseEventType,
  hlc: HlcString,
  at: z.string().max(40),
  actorId: ActorId,
  role: Role,
  level: Level,
  outcome: EventOutcome,
  /** Stable error code when refused, or the conflict it belongs to. */
  code: z.string().max(64).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A fork: events made offline that compete for the same step. Kept until a decision resolves it. */
export const Conflict = z.object({
  kind: z.enum(['decision', 'resolution']),
  /** The status both sides started from. */
  fromStatus: CaseStatus.nullable(),
  /** The competing events; the first is the one the fold applied provisionally. */
  eventIds: z.array(Ulid).min(2).max(50),
  resolvedBy: Ulid.nullable(),
  chosenEventId: Ulid.nullable(),
  /** Devices that made the competing events: their later steps on their own branch are kept too. */
  deviceIds: z.array(DeviceId).max(50),
});
export type Conflict = z.infer<typeof Conflict>;

/**
 * The state just before an applied exclusive step, kept so that a step made offline from that
 * state can be recognised later as its rival (by the fold and by checkAppend alike). Only the
 * fields that decide whether a step is allowed are kept.
 */
export const ForkPoint = z.object({
  eventId: Ulid,
  deviceId: DeviceId,
  status: CaseStatus,
  holder: Holder,
  departmentsInvolved: z.array(DepartmentCode).max(20),
});
export type ForkPoint = z.infer<typeof ForkPoint>;

export const CaseState = z.object({
  caseId: Ulid,
  itemCode: ItemCode,
  regionCode: RegionCode,
  status: CaseStatus,
  level: Level,
  holder: Holder,
  applicant: Applicant,
  proxy: z.boolean(),
  submittedAt: z.string().max(40),
  submittedAtSiteId: SiteId.nullable(),
  acceptedAt: z.string().max(40).nullable(),
  updatedAt: z.string().max(40),
  lastHlc: HlcString,
  /** Promised deadline (承诺时限), a date; null before acceptance, while materials are awaited, and at the end. */
  deadline: z.string().max(10).nullable(),
  /** Statutory deadline (法定时限). */
  statutoryDeadline: z.string().max(10).nullable(),
  /** True when a deadline was computed over a year missing from the holiday calendar. */
  deadlineApproximate: z.boolean(),
  materials: z.array(BlobRef).max(200),
  requestedMaterials: z.array(MaterialCode).max(30),
  /** The status to return to when requested materials arrive. */
  pausedStatus: CaseStatus.nullable(),
  decision: z.object({ type: z.enum(['approved', 'rejected']), eventId: Ulid, level: Level, reason: z.string().max(1000).optional() }).nullable(),
  collectAt: z.object({ level: Level, regionCode: RegionCode, siteId: SiteId.optional() }).nullable(),
  rating: z.object({ score: z.int().min(1).max(5), reasons: z.array(z.string().max(100)).max(10), eventId: Ulid }).nullable(),
  needsDecision: z.boolean(),
  conflicts: z.array(Conflict).max(50),
  forkPoints: z.array(ForkPoint).max(1000),
  departmentsInvolved: z.array(DepartmentCode).max(20),
  createdByDevice: DeviceId,
  createdBy: ActorId,
  /** The receipt's check code, when the submitting device chose one (kiosks do). */
  checkCode: CheckCode.optional(),
  history: z.array(HistoryEntry).max(10_000),
});
export type CaseState = z.infer<typeof CaseState>;
