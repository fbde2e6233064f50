import type { Bilingual } from '../errors';
import type { DataSource, FieldType, ItemCategory, LifeEvent } from './schema';

/** Names for catalogue enums, so every screen and printout says the same thing. */
export const categoryNames: Readonly<Record<ItemCategory, Bilingual>> = {
  socialAssistance: { zh: '社会救助', en: 'social assistance' },
  elderlyCare: { zh: '养老服务', en: 'elderly care' },
  disability: { zh: '残疾人服务', en: 'disability services' },
  pension: { zh: '养老保险', en: 'pensions' },
  medicalInsurance: { zh: '医疗保障', en: 'medical insurance' },
  agriculture: { zh: '农业农村', en: 'agriculture' },
  landAndHousing: { zh: '土地住房', en: 'land and housing' },
  employment: { zh: '就业创业', en: 'employment' },
  veterans: { zh: '退役军人', en: 'veterans' },
  health: { zh: '卫生健康', en: 'health' },
  civilAffairs: { zh: '民政事务', en: 'civil affairs' },
  certification: { zh: '证明开具', en: 'certificates' },
};

export const lifeEventNames: Readonly<Record<LifeEvent, Bilingual>> = {
  birth: { zh: '生育', en: 'having a child' },
  employment: { zh: '就业', en: 'work' },
  retirement: { zh: '退休', en: 'retirement' },
  elderly: { zh: '养老', en: 'old age' },
  illness: { zh: '就医', en: 'illness' },
  disability: { zh: '残疾', en: 'disability' },
  hardship: { zh: '生活困难', en: 'hardship' },
  housing: { zh: '建房住房', en: 'housing' },
  farming: { zh: '农业生产', en: 'farming' },
  military: { zh: '参军退役', en: 'military service' },
  death: { zh: '身后事', en: 'bereavement' },
  residence: { zh: '户籍居住', en: 'residence' },
};

export const dataSourceNames: Readonly<Record<DataSource, Bilingual>> = {
  populationBase: { zh: '人口基础信息库', en: 'population database' },
  householdRegistration: { zh: '户籍信息', en: 'household registration' },
  eLicence: { zh: '电子证照库', en: 'electronic licence library' },
  civilAffairs: { zh: '民政信息系统', en: 'civil affairs system' },
  socialSecurity: { zh: '社会保险信息系统', en: 'social insurance system' },
  medicalSecurity: { zh: '医疗保障信息平台', en: 'medical security platform' },
  realEstate: { zh: '不动产登记信息', en: 'real estate register' },
  disabledPersons: { zh: '残疾人信息系统', en: 'disabled persons system' },
  healthCommission: { zh: '卫生健康信息系统', en: 'health commission system' },
  veteransAffairs: { zh: '退役军人信息系统', en: 'veterans information system' },
  agriculture: { zh: '农村土地承包信息平台', en: 'rural land contract platform' },
};

export const fieldTypeNames: Readonly<Record<FieldType, Bilingual>> = {
  text: { zh: '文本', en: 'text' }, textarea: { zh: '多行文本', en: 'long text' }, number: { zh: '数字', en: 'number' },
  date: { zh: '日期', en: 'date' }, select: { zh: '选项', en: 'choice' }, idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '电话', en: 'phone' }, boolean: { zh: '是/否', en: 'yes/no' }, bankAccount: { zh: '银行账号', en: 'bank account' },
  amount: { zh: '金额', en: 'amount' },
};
