import { z } from 'zod';
import { Role, Level } from '../roles';
import { RegionCode, DepartmentCode, SiteId } from '../regions/schema';
import { ItemCode } from '../catalogue/schema';
import { CheckCode, Ulid } from '../ids';
import { HlcString } from '../hlc';

const text = (max: number) => z.string().max(max);
const note = text(1000).optional();

export const CaseEventType = z.enum([
  'submitted', 'accepted', 'materialsRequested', 'materialsSupplied', 'forwarded', 'approved',
  'rejected', 'issued', 'collected', 'rated', 'withdrawn', 'decisionResolved',
]);
export type CaseEventType = z.infer<typeof CaseEventType>;

export const DeviceId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/);
export const ActorId = z.string().regex(/^[0-9A-Za-z_.@-]{1,64}$/);
export const MaterialCode = z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/);

export const Actor = z.object({
  id: ActorId,
  role: Role,
  level: Level,
  regionCode: RegionCode,
  departmentCode: DepartmentCode.optional(),
});
export type Actor = z.infer<typeof Actor>;

/** A content-addressed blob (material photo, face photo, signature) uploaded separately. */
export const BlobRef = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mediaType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
  size: z.int().min(1).max(20 * 1024 * 1024),
  materialCode: z.union([MaterialCode, z.literal('livePhoto'), z.literal('signature')]),
});
export type BlobRef = z.infer<typeof BlobRef>;

export const Applicant = z.object({
  name: z.string().min(1).max(50),
  idNumber: z.string().regex(/^\d{17}[\dX]$/),
  phone: z.string().regex(/^[0-9+-]{5,20}$/).optional(),
  address: text(200).optional(),
});
export type Applicant = z.infer<typeof Applicant>;

export const FormValue = z.union([z.string().max(2000), z.number().finite(), z.boolean()]);
export const FormValues = z.record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/), FormValue)
  .refine((v) => Object.keys(v).length <= 40, { message: 'at most 40 form values / 表单字段最多40个' });

const common = {
  id: Ulid,
  caseId: Ulid,
  itemCode: ItemCode,
  /** The case's home region (the applicant's village or township). */
  regionCode: RegionCode,
  actor: Actor,
  deviceId: DeviceId,
  hlc: HlcString,
  at: z.iso.datetime({ offset: true }),
};

const event = <T extends CaseEventType, P extends z.ZodType>(type: T, payload: P) =>
  z.object({ ...common, type: z.literal(type), payload });

export const SubmittedEvent = event('submitted', z.object({
  applicant: Applicant,
  form: FormValues,
  materials: z.array(BlobRef).max(30),
  /** 代办: a clerk applies on the villager's behalf. */
  proxy: z.boolean().optional(),
  siteId: SiteId.optional(),
  /** The receipt's check code (ids.ts makeCheckCode); printed in the QR code, asked by the kiosk lookup. */
  checkCode: CheckCode.optional(),
}));
export const AcceptedEvent = event('accepted', z.object({ note }));
export const MaterialsRequestedEvent = event('materialsRequested', z.object({
  materialCodes: z.array(MaterialCode).min(1).max(30),
  note: text(1000),
}));
export const MaterialsSuppliedEvent = event('materialsSupplied', z.object({
  materials: z.array(BlobRef).min(1).max(30),
  note,
}));
export const ForwardedEvent = event('forwarded', z.object({
  toLevel: Level,
  toRegionCode: RegionCode,
  toDepartmentCode: DepartmentCode.optional(),
  note: text(1000),
}));
export const ApprovedEvent = event('approved', z.object({ reason: note }));
export const RejectedEvent = event('rejected', z.object({ reason: note }));
export const IssuedEvent = event('issued', z.object({
  /** Where the result is collected (现场领证). */
  collectAt: z.object({ level: Level, regionCode: RegionCode, siteId: SiteId.optional() }),
  licenceNumber: text(100).optional(),
  note,
}));
export const CollectedEvent = event('collected', z.object({ note }));
export const RatedEvent = event('rated', z.object({
  score: z.int().min(1).max(5),
  reasons: z.array(text(100)).max(10),
}));
export const WithdrawnEvent = event('withdrawn', z.object({ reason: note }));
export const DecisionResolvedEvent = event('decisionResolved', z.object({
  chosenEventId: Ulid,
  overruledEventIds: z.array(Ulid).min(1).max(20),
  note: text(1000),
}));

export const CaseEvent = z.discriminatedUnion('type', [
  SubmittedEvent, AcceptedEvent, MaterialsRequestedEvent, MaterialsSuppliedEvent, ForwardedEvent,
  ApprovedEvent, RejectedEvent, IssuedEvent, CollectedEvent, RatedEvent, WithdrawnEvent, DecisionResolvedEvent,
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;
