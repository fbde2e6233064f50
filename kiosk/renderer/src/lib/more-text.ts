// UI text of the ticket, progress, rating and maintenance screens (kept apart from i18n.ts so
// the apply journey's text and these can change without touching each other).
import { caseStatusNames } from '@onetrip/domain';
import type { Bilingual, Lang } from './i18n';

export const moreText = {
  takeTicket: { zh: '取号', en: 'Take a queue number' },
  takeTicketHint: { zh: '到窗口办理请先取号，叫号时请到窗口', en: 'For the service desks: take a number and wait to be called' },
  ticketNow: { zh: '取一个号', en: 'Give me a number' },
  yourNumber: { zh: '您的号码', en: 'Your number' },
  waitingAhead: { zh: '前面还有 {n} 人等候', en: '{n} waiting ahead of you' },
  ticketPrinted: { zh: '号票已打印，请取走', en: 'Your ticket has printed; please take it' },
  ticketNotPrinted: { zh: '号票暂未打印，请记住屏幕上的号码', en: 'The ticket did not print; please remember the number on screen' },
  progress: { zh: '办件查询 · 评价', en: 'Track a case · rate' },
  progressHint: { zh: '请扫描回执上的二维码，或将身份证放在读卡区', en: 'Scan the QR code on your receipt, or place your ID card on the reader' },
  notOurCode: { zh: '这不是办件回执的二维码，请扫描回执上的二维码', en: 'That is not a receipt QR code; please scan the one on your receipt' },
  unknownCase: { zh: '没有查到这个办件（可能在别处办理），请到窗口查询', en: 'This case was not found (it may have been filed elsewhere); please ask at a desk' },
  sentCase: { zh: '已送达服务器，本机不再保存详细信息，请凭回执到窗口查询', en: 'It has reached the server and this kiosk no longer keeps its details; please ask at a desk with your receipt' },
  heldCase: { zh: '保存在本机，联网后自动送达服务器', en: 'Kept on this kiosk; it goes to the server when the network is back' },
  noCasesForCard: { zh: '没有查到您在本乡镇办理的办件，如有疑问请到窗口查询', en: 'No case of yours was found in this township; please ask at a desk if in doubt' },
  offlineLookup: { zh: '网络未连接，暂时查不到服务器上的办理进度，以下是本机保存的信息；请稍后再查或到窗口查询', en: 'The network is down, so the progress held on the server cannot be looked up now; below is what this kiosk holds. Try again later or ask at a desk' },
  unknownCaseOffline: { zh: '本机没有这个办件的记录，网络恢复后可再查询', en: 'This kiosk has no record of this case; try again when the network is back' },
  sentCaseOffline: { zh: '已送达服务器；网络恢复后可查询最新进度', en: 'It has reached the server; look again when the network is back for the latest progress' },
  noCasesForCardOffline: { zh: '网络未连接：本机没有保存您未送达的办件，网络恢复后可查询服务器上的办件', en: 'Offline: this kiosk holds no unsent case of yours; your other cases can be looked up when the network is back' },
  lookingUp: { zh: '正在查询…', en: 'Looking up…' },
  heldAt: { zh: '当前办理层级：{level}', en: 'Now with: the {level}' },
  deadline: { zh: '承诺办结：{date}', en: 'promised by {date}' },
  statusLabel: { zh: '办理状态', en: 'Status' },
  submittedAt: { zh: '提交时间', en: 'Submitted' },
  rate: { zh: '评价本次服务', en: 'Rate this service' },
  rateTitle: { zh: '请为本次服务打分（好差评）', en: 'How was this service?' },
  lowReasons: { zh: '请选择不满意的原因（可多选）', en: 'What went wrong? (choose any)' },
  sendRating: { zh: '提交评价', en: 'Send rating' },
  rated: { zh: '感谢您的评价！', en: 'Thank you for your rating!' },
  alreadyRated: { zh: '该办件已评价', en: 'This case has been rated' },
  staffTitle: { zh: '维护模式（工作人员）', en: 'Maintenance (staff)' },
  staffCorner: { zh: '工作人员维护', en: 'Staff maintenance' },
  pin: { zh: '维护密码', en: 'Maintenance PIN' },
  enter: { zh: '进入', en: 'Enter' },
  exit: { zh: '退出维护', en: 'Leave maintenance' },
  deviceHealth: { zh: '设备状态', en: 'Device health' },
  refresh: { zh: '刷新', en: 'Refresh' },
  printerTest: { zh: '打印测试页', en: 'Print a test slip' },
  readerTest: { zh: '读卡测试', en: 'Test the card reader' },
  readerWaiting: { zh: '请放一张身份证…', en: 'Place an ID card…' },
  readerRead: { zh: '读卡成功：{id}', en: 'Card read: {id}' },
  testPrinted: { zh: '测试页已打印', en: 'Test slip printed' },
  testQueued: { zh: '测试页已排队，打印机未就绪', en: 'Test slip queued: the printer is not ready' },
  failed: { zh: '失败：{why}', en: 'Failed: {why}' },
} as const satisfies Record<string, Bilingual>;

export type MoreKey = keyof typeof moreText;

export function tm(key: MoreKey, lang: Lang, vars: Record<string, string | number> = {}): string {
  return moreText[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** A case's status in plain words: the domain's names, the same as on the receipt. */
export function statusText(status: string, lang: Lang): string {
  return (caseStatusNames as Record<string, Bilingual | undefined>)[status]?.[lang] ?? status;
}
