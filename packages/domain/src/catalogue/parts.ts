import type { DataSource, FormField, Item, Material } from './schema';

/** Building blocks for the demo catalogue: common materials and form fields, written once. */

const waived = (source: DataSource, zh: string, en: string) => ({ waivedBy: { source, note: { zh, en } } });

function material(code: string, zh: string, en: string, extra: Partial<Material> = {}): Material {
  return { code, name: { zh, en }, copies: 1, original: false, required: true, ...extra };
}

export const materials = {
  idCard: material('idCard', '申请人居民身份证', 'applicant\'s resident ID card', { original: true }),
  hukou: material('householdRegister', '户口簿', 'household register', waived('householdRegistration', '通过人口库核验户籍信息,免交', 'checked against the population database; not needed')),
  photo: material('photo', '近期二寸免冠彩色照片', 'recent two-inch colour photo', { copies: 2 }),
  bankCard: material('bankCard', '本人社会保障卡或银行卡', 'own social security card or bank card'),
  incomeAuth: material('incomeAuthorisation', '家庭经济状况核对授权书', 'authorisation to check household finances', { original: true }),
  incomeProof: material('incomeProof', '家庭收入证明', 'household income statement', waived('civilAffairs', '由民政部门经济状况核对平台核查,免交', 'checked through the civil affairs income-check platform; not needed')),
  marriage: material('marriageCert', '结婚证或离婚证', 'marriage or divorce certificate', waived('eLicence', '调用婚姻登记电子证照,免交', 'read from the electronic marriage licence; not needed')),
  disabilityCert: material('disabilityCert', '第二代残疾人证', 'second-generation disability certificate', waived('disabledPersons', '通过残联系统核验,免交', 'checked in the disabled persons\' federation system; not needed')),
  landContract: material('landContract', '农村土地承包经营权证', 'rural land contract certificate', waived('agriculture', '通过农村土地承包信息平台核验,免交', 'checked in the rural land contract platform; not needed')),
  realEstate: material('realEstateCert', '不动产权证书', 'real estate title certificate', waived('realEstate', '通过不动产登记系统核验,免交', 'checked in the real estate register; not needed')),
  diagnosis: material('diagnosis', '二级以上医院诊断证明', 'diagnosis from a grade-II or higher hospital', { original: true }),
  veteranCert: material('dischargeCert', '退役证或退伍证', 'discharge certificate', waived('veteransAffairs', '通过退役军人信息系统核验,免交', 'checked in the veterans information system; not needed')),
  socialSecurity: material('pensionRecord', '养老保险缴费记录', 'pension contribution record', waived('socialSecurity', '通过社保系统查询,免交', 'read from the social security system; not needed')),
  medicalRecord: material('medicalRecord', '病历及检查报告', 'medical records and test reports'),
  invoice: material('invoice', '医疗费用发票及清单', 'medical bills and itemised lists', { original: true }),
  application: material('applicationForm', '申请表(可在终端或窗口填写)', 'application form (filled in at the kiosk or window)', { original: true }),
  deathCert: material('deathCert', '居民死亡医学证明(推断)书', 'medical certificate of death', waived('healthCommission', '通过卫健部门死亡信息核验,免交', 'checked against the health commission\'s death records; not needed')),
  sitePhotos: material('sitePhotos', '房屋现状照片', 'photos of the house as it is'),
  agreement: material('agreement', '相关协议或合同', 'the agreement or contract', { original: true }),
  villageOpinion: material('villageOpinion', '村(居)民委员会意见', 'opinion of the village committee', { original: true }),
} satisfies Record<string, Material>;

export const optional = (m: Material): Material => ({ ...m, required: false });

function field(key: string, zh: string, en: string, type: FormField['type'], required = true, extra: Partial<FormField> = {}): FormField {
  return { key, label: { zh, en }, type, required, ...extra };
}

export const fields = {
  phone: field('phone', '联系电话', 'phone number', 'phone'),
  address: field('address', '现居住地址', 'current address', 'text', true, { maxLength: 200 }),
  bankAccount: field('bankAccount', '收款账号', 'bank account for payments', 'bankAccount'),
  householdSize: field('householdSize', '家庭人口数', 'people in the household', 'number', true, { min: 1, max: 30 }),
  monthlyIncome: field('monthlyIncome', '家庭月收入(元)', 'household monthly income (yuan)', 'amount', true, { min: 0, max: 1_000_000 }),
  reason: field('reason', '申请理由', 'reason for the application', 'textarea', true, { maxLength: 1000 }),
  birthDate: field('childBirthDate', '子女出生日期', 'child\'s date of birth', 'date'),
  spouseId: field('spouseIdNumber', '配偶身份证号', 'spouse\'s ID number', 'idNumber', false),
  area: field('areaMu', '面积(亩)', 'area (mu)', 'number', true, { min: 0, max: 100_000 }),
  deceasedId: field('deceasedIdNumber', '逝者身份证号', 'ID number of the deceased', 'idNumber'),
  deathDate: field('deathDate', '死亡日期', 'date of death', 'date'),
  disabilityKind: field('disabilityKind', '残疾类别', 'kind of disability', 'select', true, { options: [
    { value: 'visual', label: { zh: '视力残疾', en: 'visual' } }, { value: 'hearing', label: { zh: '听力残疾', en: 'hearing' } },
    { value: 'speech', label: { zh: '言语残疾', en: 'speech' } }, { value: 'physical', label: { zh: '肢体残疾', en: 'physical' } },
    { value: 'intellectual', label: { zh: '智力残疾', en: 'intellectual' } }, { value: 'mental', label: { zh: '精神残疾', en: 'mental' } },
    { value: 'multiple', label: { zh: '多重残疾', en: 'multiple' } }] }),
  insuranceGrade: field('contributionGrade', '缴费档次(元/年)', 'contribution grade (yuan per year)', 'select', true, { options:
    [200, 300, 500, 1000, 2000, 3000].map((v) => ({ value: String(v), label: { zh: `${v}元`, en: `${v} yuan` } })) }),
};

/** Where results are handed out. */
export const delivery = {
  instant: { zh: '当场办结,结果可在终端打印', en: 'done on the spot; the result can be printed at the kiosk' },
  township: { zh: '在乡镇政务服务中心现场领取,或免费邮寄', en: 'collect at the township service centre, or free postal delivery' },
  village: { zh: '在村公共服务中心领取', en: 'collect at the village public service centre' },
  payment: { zh: '按月发放至本人社保卡或银行卡', en: 'paid monthly to the applicant\'s card' },
  eLicence: { zh: '生成电子证照,可在终端打印', en: 'an electronic licence, printable at the kiosk' },
};

type Seed = Omit<Item, 'fee' | 'kioskAllowed' | 'livePhotoRequired' | 'trips' | 'formFields'> & Partial<Pick<Item, 'fee' | 'kioskAllowed' | 'livePhotoRequired' | 'trips' | 'formFields'>>;

/** An item with the usual defaults: free, one trip, not at a kiosk, no live photo. */
export function item(seed: Seed): Item {
  return { fee: { amountFen: 0 }, kioskAllowed: false, livePhotoRequired: false, trips: 1, formFields: [fields.phone, fields.address], ...seed };
}
