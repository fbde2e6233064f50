import type { Bilingual } from './i18n';

/** Life events the catalogue is browsed by. */
export const lifeEventLabels: Record<string, Bilingual> = {
  birth: { zh: '生育', en: 'Birth' },
  employment: { zh: '就业', en: 'Work' },
  retirement: { zh: '退休养老', en: 'Pension' },
  elderly: { zh: '老年人', en: 'Older people' },
  illness: { zh: '看病就医', en: 'Medical care' },
  disability: { zh: '残疾人', en: 'Disability' },
  hardship: { zh: '生活困难', en: 'Hardship' },
  housing: { zh: '建房住房', en: 'Housing' },
  farming: { zh: '农业生产', en: 'Farming' },
  military: { zh: '退役军人', en: 'Veterans' },
  death: { zh: '身后事', en: 'Bereavement' },
  residence: { zh: '户籍居住', en: 'Residence' },
};

export const dataSourceLabels: Record<string, Bilingual> = {
  populationBase: { zh: '人口库', en: 'the population database' },
  householdRegistration: { zh: '户籍系统', en: 'household registration' },
  eLicence: { zh: '电子证照库', en: 'the e-licence library' },
  civilAffairs: { zh: '民政系统', en: 'civil affairs' },
  socialSecurity: { zh: '社保系统', en: 'social security' },
  medicalSecurity: { zh: '医保系统', en: 'medical insurance' },
  realEstate: { zh: '不动产登记系统', en: 'the real-estate register' },
  disabledPersons: { zh: '残联系统', en: "the disabled persons' federation" },
  healthCommission: { zh: '卫健系统', en: 'the health commission' },
  veteransAffairs: { zh: '退役军人系统', en: 'veterans affairs' },
  agriculture: { zh: '农业农村系统', en: 'agriculture and rural affairs' },
};
