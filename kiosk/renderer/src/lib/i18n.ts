// UI text, Simplified Chinese first with English. Catalogue text comes bilingual from the domain.
export type Lang = 'zh' | 'en';
export interface Bilingual { zh: string; en: string }

export const pick = (text: Bilingual, lang: Lang): string => text[lang];

export const ui = {
  appName: { zh: '一次办 · 24小时自助服务', en: 'OneTrip · 24-hour self-service' },
  touchToStart: { zh: '请轻触屏幕开始办事', en: 'Touch the screen to begin' },
  attractLine: { zh: '最多跑一次 · 就近办 · 不见面', en: 'At most one trip · close to home · no queue' },
  language: { zh: 'English', en: '中文' },
  elderlyOn: { zh: '大字模式', en: 'Large text' },
  elderlyOff: { zh: '标准模式', en: 'Standard text' },
  home: { zh: '首页', en: 'Home' },
  back: { zh: '返回', en: 'Back' },
  searchPlaceholder: { zh: '输入事项名称或拼音首字母，如 lnz', en: 'Item name or pinyin initials, e.g. lnz' },
  search: { zh: '搜索', en: 'Search' },
  noResults: { zh: '没有找到相关事项，请换个词试试', en: 'Nothing found; please try other words' },
  byLifeEvent: { zh: '按人生事件', en: 'By life event' },
  byDepartment: { zh: '按部门', en: 'By department' },
  allItems: { zh: '全部事项', en: 'All items' },
  where: { zh: '在哪里办', en: 'Where it is handled' },
  trips: { zh: '跑动次数', en: 'Trips needed' },
  trips0: { zh: '0 次（不见面审批）', en: 'None (handled without a visit)' },
  trips1: { zh: '最多跑一次', en: 'At most one trip' },
  tripsNegative: { zh: '负面清单：需 {n} 次', en: 'Negative list: {n} visits' },
  limits: { zh: '办理时限', en: 'Time limits' },
  statutory: { zh: '法定 {n} 个工作日', en: 'statutory {n} working days' },
  promised: { zh: '承诺 {n} 个工作日', en: 'promised {n} working days' },
  instant: { zh: '即办件（当场办结）', en: 'Decided on the spot' },
  fee: { zh: '收费', en: 'Fee' },
  free: { zh: '不收费', en: 'Free of charge' },
  materials: { zh: '申请材料', en: 'Materials' },
  waived: { zh: '免提交（{source}已共享）', en: 'Not needed (shared by {source})' },
  copies: { zh: '{n} 份', en: '{n} copies' },
  original: { zh: '原件', en: 'original' },
  result: { zh: '结果领取', en: 'Result' },
  printNotice: { zh: '打印一次性告知单', en: 'Print the one-time notice' },
  printing: { zh: '正在打印…', en: 'Printing…' },
  printed: { zh: '已打印，请取走告知单', en: 'Printed: please take your notice' },
  printQueued: { zh: '打印机暂时不可用，告知单会在恢复后打印', en: 'The printer is not ready; the notice will print once it is' },
  printFailed: { zh: '打印机暂不可用，请联系工作人员；您也可以用手机拍下本页', en: 'The printer is not available; please ask staff, or take a photo of this page' },
  apply: { zh: '在本机申请', en: 'Apply here' },
  placeCard: { zh: '请将身份证放在读卡区', en: 'Place your ID card on the reader' },
  placeCardHint: { zh: '读卡成功后会自动填写您的信息', en: 'Your details fill in by themselves once the card is read' },
  applicant: { zh: '申请人', en: 'Applicant' },
  item: { zh: '事项', en: 'Item' },
  next: { zh: '下一步', en: 'Next' },
  photoMaterials: { zh: '请把材料放在拍摄区，逐项拍照', en: 'Put each material under the camera and take its photo' },
  cameraPreview: { zh: '摄像头画面', en: 'camera preview' },
  takePhoto: { zh: '拍照', en: 'Take photo' },
  taken: { zh: '已拍', en: 'taken' },
  reviewTitle: { zh: '请核对后提交', en: 'Check, then submit' },
  submit: { zh: '确认提交', en: 'Submit' },
  submitting: { zh: '正在提交…', en: 'Submitting…' },
  submitted: { zh: '申请已提交', en: 'Application submitted' },
  caseNumber: { zh: '办件编号', en: 'Case number' },
  pendingSend: { zh: '网络未连接：申请已保存在本机，联网后自动发送，无需再跑一趟', en: 'Offline: your application is stored here and will be sent when the network returns; no need to come back' },
  sentToServer: { zh: '申请已送达，工作人员会尽快办理', en: 'Your application has arrived; staff will handle it soon' },
  receiptPrinted: { zh: '回执已打印，请取走回执', en: 'Your receipt has printed; please take it' },
  receiptQueued: { zh: '打印机暂不可用，回执会在恢复后打印；请记下办件编号', en: 'The printer is not ready; the receipt will print once it is. Please note the case number' },
  finish: { zh: '完成', en: 'Finish' },
  kioskApply: { zh: '可在本机申请', en: 'Can be applied for here' },
  kioskNoApply: { zh: '请到 {level} 办理', en: 'Please apply at the {level}' },
  idleWarn: { zh: '您还在吗？{s} 秒后将清除您的信息并返回首页', en: 'Still there? Your information will be cleared in {s} s' },
  stillHere: { zh: '我还在', en: "I'm still here" },
  offline: { zh: '网络未连接：申请会先保存在本机，联网后自动发送', en: 'Offline: applications are kept here and sent when the network returns' },
  online: { zh: '已联网', en: 'Online' },
} as const satisfies Record<string, Bilingual>;

export type UiKey = keyof typeof ui;

export function t(key: UiKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return pick(ui[key], lang).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

export const levelNames: Record<'kiosk' | 'village' | 'township' | 'city', Bilingual> = {
  kiosk: { zh: '自助终端', en: 'self-service kiosk' },
  village: { zh: '村（社区）便民服务点', en: 'village service centre' },
  township: { zh: '乡镇便民服务中心', en: 'township service centre' },
  city: { zh: '市政务服务中心', en: 'city service centre' },
};
