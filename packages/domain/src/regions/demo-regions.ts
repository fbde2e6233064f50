import type { Department, Region, Site } from './schema';

/**
 * Demo data for the county-level city 宁乡市 (430182). Township names are real (the five
 * pilot towns of the article); township codes are plausible, village names and codes are
 * invented. Every region is marked `demo: true`.
 */
export const COUNTY_CODE = '430182000000';

const weekdayHours = { zh: '周一至周五 8:30-12:00、14:30-17:30(法定节假日除外)', en: 'Mon-Fri 8:30-12:00, 14:30-17:30 (except public holidays)' };
const allDayHours = { zh: '全天24小时开放', en: 'open 24 hours a day' };
const villageHours = { zh: '周一至周五 8:30-12:00、14:30-17:30,村代办员可预约上门', en: 'Mon-Fri 8:30-12:00, 14:30-17:30; the village clerk visits on request' };

interface TownshipSeed { code: string; name: string; pinyin: string; phone: string; villages: [string, string, string][] }

const townships: TownshipSeed[] = [
  { code: '430182101000', name: '夏铎铺镇', pinyin: 'Xiaduopu', phone: '0731-87310001', villages: [
    ['430182101201', '龙泉村', 'Longquan'], ['430182101202', '石塘村', 'Shitang'], ['430182101203', '田心村', 'Tianxin']] },
  { code: '430182103000', name: '花明楼镇', pinyin: 'Huaminglou', phone: '0731-87330001', villages: [
    ['430182103201', '炭子冲村', 'Tanzichong'], ['430182103202', '东湖塘村', 'Donghutang'], ['430182103203', '刘家湾村', 'Liujiawan'],
    ['430182103204', '新桥村', 'Xinqiao']] },
  { code: '430182104000', name: '灰汤镇', pinyin: 'Huitang', phone: '0731-87340001', villages: [
    ['430182104201', '温泉村', 'Wenquan'], ['430182104202', '东鹜山村', 'Dongwushan'], ['430182104203', '金峰村', 'Jinfeng'],
    ['430182104204', '紫龙村', 'Zilong']] },
  { code: '430182108000', name: '大成桥镇', pinyin: 'Dachengqiao', phone: '0731-87380001', villages: [
    ['430182108201', '鹊山村', 'Queshan'], ['430182108202', '永盛村', 'Yongsheng'], ['430182108203', '福泉村', 'Fuquan']] },
  { code: '430182112000', name: '黄材镇', pinyin: 'Huangcai', phone: '0731-87420001', villages: [
    ['430182112201', '炭河村', 'Tanhe'], ['430182112202', '青羊村', 'Qingyang'], ['430182112203', '月山村', 'Yueshan'],
    ['430182112204', '沩水村', 'Weishui']] },
];

function townshipSites(t: TownshipSeed): Site[] {
  const base = { regionCode: t.code, phone: t.phone, address: `宁乡市${t.name}人民政府政务服务中心` };
  return [
    { ...base, id: `site-${t.code}-centre`, kind: 'serviceCentre', name: `${t.name}政务服务中心`, nameEn: `${t.pinyin} Township Service Centre`, hours: weekdayHours },
    { ...base, id: `site-${t.code}-24h`, kind: 'selfServiceArea', name: `${t.name}24小时自助服务区`, nameEn: `${t.pinyin} 24-hour Self-service Area`, hours: allDayHours },
  ];
}

function villageRegion(t: TownshipSeed, [code, name, pinyin]: [string, string, string], index: number): Region {
  const site: Site = {
    id: `site-${code}`, kind: 'villageCentre', regionCode: code, name: `${name}公共服务中心`, nameEn: `${pinyin} Village Public Service Centre`,
    phone: `${t.phone.slice(0, -2)}${String(11 + index).padStart(2, '0')}`, address: `宁乡市${t.name}${name}村部`, hours: villageHours,
  };
  return { code, name, nameEn: `${pinyin} Village`, level: 'village', parentCode: t.code, sites: [site], demo: true };
}

const county: Region = {
  code: COUNTY_CODE, name: '宁乡市', nameEn: 'Ningxiang', level: 'county', parentCode: null, demo: true,
  sites: [{ id: 'site-430182000000-centre', kind: 'serviceCentre', regionCode: COUNTY_CODE, name: '宁乡市民之家', nameEn: 'Ningxiang Citizens\' Hall',
    phone: '0731-87800000', address: '宁乡市市民之家', hours: weekdayHours }],
};

export const demoRegions: Region[] = [
  county,
  ...townships.flatMap((t): Region[] => [
    { code: t.code, name: t.name, nameEn: `${t.pinyin} Town`, level: 'township', parentCode: COUNTY_CODE, sites: townshipSites(t), demo: true },
    ...t.villages.map((v, i) => villageRegion(t, v, i)),
  ]),
];

export const demoDepartments: Department[] = [
  ['civilAffairs', '民政局', 'Civil Affairs Bureau'],
  ['humanResources', '人力资源和社会保障局', 'Human Resources and Social Security Bureau'],
  ['naturalResources', '自然资源局', 'Natural Resources Bureau'],
  ['medicalSecurity', '医疗保障局', 'Healthcare Security Bureau'],
  ['healthCommission', '卫生健康局', 'Health Commission'],
  ['agriculture', '农业农村局', 'Agriculture and Rural Affairs Bureau'],
  ['veteransAffairs', '退役军人事务局', 'Veterans Affairs Bureau'],
  ['disabledFederation', '残疾人联合会', 'Disabled Persons\' Federation'],
  ['housingConstruction', '住房和城乡建设局', 'Housing and Urban-Rural Development Bureau'],
].map(([code, name, nameEn]) => ({ code: code!, name: name!, nameEn: nameEn!, regionCode: COUNTY_CODE }));
