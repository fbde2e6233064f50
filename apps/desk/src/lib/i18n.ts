// UI text, Simplified Chinese first with English. Catalogue and region names come bilingual from the domain.
import { createContext, useContext } from 'react';
import type { CaseStatus, Level } from '@onetrip/domain';

export type Lang = 'zh' | 'en';
export interface Bilingual { zh: string; en: string }

export const LangContext = createContext<Lang>('zh');
export const useLang = (): Lang => useContext(LangContext);

/** Fills `{name}` placeholders. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}

export const statusNames: Readonly<Record<CaseStatus, Bilingual>> = {
  submitted: { zh: '待受理', en: 'Submitted' },
  accepted: { zh: '办理中', en: 'In progress' },
  awaitingMaterials: { zh: '待补正', en: 'Awaiting materials' },
  forwarded: { zh: '已推送', en: 'Forwarded' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '不予批准', en: 'Rejected' },
  issued: { zh: '待领证', en: 'Ready for pickup' },
  completed: { zh: '已办结', en: 'Completed' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};

export const levelNamesShort: Readonly<Record<Level, Bilingual>> = {
  kiosk: { zh: '自助终端', en: 'Kiosk' }, village: { zh: '村', en: 'Village' }, township: { zh: '乡镇', en: 'Township' }, city: { zh: '市直部门', en: 'City' },
};

export const ui = {
  appName: { zh: '一次办 · 工作台', en: 'OneTrip · Desk' },
  switchLang: { zh: 'English', en: '中文' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  signIn: { zh: '登录', en: 'Sign in' },
  signingIn: { zh: '正在登录…', en: 'Signing in…' },
  signOut: { zh: '退出', en: 'Sign out' },
  offlineSignedIn: { zh: '离线登录：数据将在联网后同步', en: 'Signed in offline: data syncs when the network returns' },
  online: { zh: '在线', en: 'Online' },
  offline: { zh: '离线', en: 'Offline' },
  pending: { zh: '{n} 条待发送', en: '{n} waiting to send' },
  inbox: { zh: '待办件', en: 'Inbox' },
  proxyApply: { zh: '代办申请', en: 'Apply for a villager' },
  queue: { zh: '叫号', en: 'Queue' },
  caseNumber: { zh: '办件编号', en: 'Case number' },
  item: { zh: '事项', en: 'Item' },
  applicant: { zh: '申请人', en: 'Applicant' },
  status: { zh: '状态', en: 'Status' },
  level: { zh: '承办层级', en: 'Held at' },
  deadline: { zh: '时限', en: 'Deadline' },
  updated: { zh: '更新', en: 'Updated' },
  all: { zh: '全部', en: 'All' },
  openOnly: { zh: '未办结', en: 'Open' },
  overdueOnly: { zh: '只看超期', en: 'Overdue only' },
  needsDecisionOnly: { zh: '只看需决定', en: 'Needs a decision only' },
  needsDecision: { zh: '需决定', en: 'Needs a decision' },
  search: { zh: '搜索编号或事项', en: 'Search number or item' },
  noCases: { zh: '没有符合条件的办件', en: 'No cases match' },
  overdueCount: { zh: '超期 {n}', en: '{n} overdue' },
  warningCount: { zh: '预警 {n}', en: '{n} due soon' },
  back: { zh: '返回', en: 'Back' },
  reveal: { zh: '查看完整信息', en: 'Reveal' },
  revealReason: { zh: '查看原因（将记录审计）', en: 'Reason (audited)' },
  revealed: { zh: '已查看（已记录审计）', en: 'Revealed (audited)' },
  materials: { zh: '材料清单', en: 'Materials checklist' },
  provided: { zh: '已提交', en: 'provided' },
  missing: { zh: '未提交', en: 'missing' },
  photos: { zh: '材料照片', en: 'Material photos' },
  history: { zh: '办理记录', en: 'History' },
  actions: { zh: '办理', en: 'Actions' },
  note: { zh: '备注', en: 'Note' },
  reason: { zh: '理由', en: 'Reason' },
  confirm: { zh: '确定', en: 'Confirm' },
  cancel: { zh: '取消', en: 'Cancel' },
  done: { zh: '已完成', en: 'Done' },
  noActions: { zh: '当前没有可办理的操作', en: 'Nothing to do here now' },
  collectAt: { zh: '领取地点', en: 'Collect at' },
  licenceNumber: { zh: '证照编号（可选）', en: 'Licence number (optional)' },
  printNotice: { zh: '打印补正告知书', en: 'Print the notice' },
  noticeTitle: { zh: '补正材料告知书', en: 'Notice of missing materials' },
  chooseSide: { zh: '采纳此项', en: 'Keep this one' },
  conflictTitle: { zh: '离线冲突：两个操作互相矛盾，请决定', en: 'Offline conflict: two steps disagree; decide' },
  proxyTitle: { zh: '代办申请（代村民提交）', en: 'Apply on a villager\'s behalf' },
  name: { zh: '姓名', en: 'Name' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '联系电话', en: 'Phone' },
  address: { zh: '住址', en: 'Address' },
  submit: { zh: '提交申请', en: 'Submit' },
  submitted: { zh: '已提交，办件编号 {id}', en: 'Submitted, case {id}' },
  deadlineNone: { zh: '—', en: '—' },
  sessionEnds: { zh: '长时间未操作将自动退出', en: 'You will be signed out when idle' },
  openCamera: { zh: '打开摄像头', en: 'Open the camera' },
  cameraPreview: { zh: '摄像头画面', en: 'Camera preview' },
  takePhoto: { zh: '拍照', en: 'Take photo' },
  chooseFile: { zh: '选择文件', en: 'Choose a file' },
  photoTaken: { zh: '已拍摄', en: 'taken' },
  supplyTitle: { zh: '补齐材料（拍摄或选择申请人带来的材料）', en: 'Supply materials (photograph or choose what the applicant brought)' },
};

export const actionNames: Readonly<Record<string, Bilingual>> = {
  accept: { zh: '受理', en: 'Accept' },
  requestMaterials: { zh: '补正', en: 'Request materials' },
  forward: { zh: '网端推送', en: 'Forward upward' },
  approve: { zh: '批准', en: 'Approve' },
  reject: { zh: '不予批准', en: 'Reject' },
  issue: { zh: '出证', en: 'Issue result' },
  collect: { zh: '确认领取', en: 'Record collection' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  resolve: { zh: '处理冲突', en: 'Resolve conflict' },
  supply: { zh: '补齐材料', en: 'Supply materials' },
};

export const eventNames: Readonly<Record<string, Bilingual>> = {
  submitted: { zh: '提交申请', en: 'submitted' }, accepted: { zh: '受理', en: 'accepted' },
  materialsRequested: { zh: '要求补正', en: 'materials requested' }, materialsSupplied: { zh: '补齐材料', en: 'materials supplied' },
  forwarded: { zh: '网端推送', en: 'forwarded' }, approved: { zh: '批准', en: 'approved' }, rejected: { zh: '不予批准', en: 'rejected' },
  issued: { zh: '出证', en: 'issued' }, collected: { zh: '领取办结', en: 'collected' }, rated: { zh: '评价', en: 'rated' },
  withdrawn: { zh: '撤回', en: 'withdrawn' }, decisionResolved: { zh: '冲突决定', en: 'conflict resolved' },
};

export const outcomeNames: Readonly<Record<string, Bilingual>> = {
  applied: { zh: '', en: '' }, redundant: { zh: '（重复）', en: '(duplicate)' }, conflict: { zh: '（冲突）', en: '(conflict)' },
  refused: { zh: '（被拒绝）', en: '(refused)' }, overruled: { zh: '（已被否决）', en: '(overruled)' },
};
