import { z } from 'zod';
import { Bilingual } from '../errors';
import { Level } from '../roles';
import { DepartmentCode } from '../regions/schema';

export const ItemCode = z.string().regex(/^[A-Z][A-Z0-9-]{2,31}$/);

export const ItemCategory = z.enum([
  'socialAssistance', 'elderlyCare', 'disability', 'pension', 'medicalInsurance', 'agriculture',
  'landAndHousing', 'employment', 'veterans', 'health', 'civilAffairs', 'certification',
]);
export type ItemCategory = z.infer<typeof ItemCategory>;

export const LifeEvent = z.enum([
  'birth', 'employment', 'retirement', 'elderly', 'illness', 'disability', 'hardship',
  'housing', 'farming', 'military', 'death', 'residence',
]);
export type LifeEvent = z.infer<typeof LifeEvent>;

/** Shared data that can replace a paper material (减证便民). */
export const DataSource = z.enum([
  'populationBase', 'householdRegistration', 'eLicence', 'civilAffairs', 'socialSecurity',
  'medicalSecurity', 'realEstate', 'disabledPersons', 'healthCommission', 'veteransAffairs', 'agriculture',
]);
export type DataSource = z.infer<typeof DataSource>;

export const Material = z.object({
  code: z.string().regex(/^[a-z][a-zA-Z0-9]{1,39}$/),
  name: Bilingual,
  copies: z.int().min(1).max(10),
  original: z.boolean(),
  required: z.boolean(),
  /** Set when shared data replaces the paper (减证便民): the applicant need not bring it. */
  waivedBy: z.object({ source: DataSource, note: Bilingual }).optional(),
});
export type Material = z.infer<typeof Material>;

export const FieldType = z.enum(['text', 'textarea', 'number', 'date', 'select', 'idNumber', 'phone', 'boolean', 'bankAccount', 'amount']);
export type FieldType = z.infer<typeof FieldType>;

export const FormField = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/),
  label: Bilingual,
  type: FieldType,
  required: z.boolean(),
  options: z.array(z.object({ value: z.string().min(1).max(40), label: Bilingual })).max(30).optional(),
  maxLength: z.int().min(1).max(2000).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
}).refine((f) => (f.type === 'select') === (f.options !== undefined && f.options.length > 0), {
  message: 'select fields need options, other fields none / 下拉字段必须有选项,其他字段不应有选项',
});
export type FormField = z.infer<typeof FormField>;

/** 负面清单: the law needs more than one visit (hearing, site survey, …). */
export const NegativeListEntry = z.object({
  visits: z.int().min(2).max(10),
  reason: Bilingual,
  legalBasis: z.string().min(1).max(200),
});
export type NegativeListEntry = z.infer<typeof NegativeListEntry>;

export const Item = z.object({
  code: ItemCode,
  name: Bilingual,
  /** Pinyin initials of name.zh, lower case, for kiosk search (`lnz` finds 老年证办理). */
  pinyinInitials: z.string().regex(/^[a-z0-9]{1,40}$/),
  departmentCode: DepartmentCode,
  category: ItemCategory,
  lifeEvent: LifeEvent,
  acceptLevel: Level,
  decideLevel: Level,
  /** 0: 不见面; 1: 最多跑一次; 'negativeList': by law more visits, see `negativeList`. */
  trips: z.union([z.literal(0), z.literal(1), z.literal('negativeList')]),
  negativeList: NegativeListEntry.optional(),
  statutoryDays: z.int().min(0).max(365),
  /** 0 = 即办件 (decided on the spot). */
  promisedDays: z.int().min(0).max(365),
  fee: z.object({ amountFen: z.int().min(0).max(100_000_000), note: Bilingual.optional() }),
  materials: z.array(Material).max(30),
  formFields: z.array(FormField).max(40),
  kioskAllowed: z.boolean(),
  livePhotoRequired: z.boolean(),
  /** Where the result is handed out, in words (现场领证 / 邮寄 / 电子证照). */
  resultDelivery: Bilingual,
  legalBasis: z.string().min(1).max(300),
});
export type Item = z.infer<typeof Item>;
