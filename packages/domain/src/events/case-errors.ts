import type { TransferableError } from '../errors';

/** Every refusal of a case step, with its stable code and bilingual message. */
const messages = {
  CASE_NOT_FOUND: ['办件不存在,须先提交申请', 'no such case: it must be submitted first'],
  CASE_EXISTS: ['该办件已提交,不能重复提交', 'the case has already been submitted'],
  CASE_MISMATCH: ['事件与办件不符(编号、事项或区划)', 'the event does not belong to this case (id, item or region)'],
  CASE_NEEDS_DECISION: ['该办件存在离线冲突,须先作出决定', 'the case has conflicting offline steps: a decision is needed first'],
  REGION_INVALID: ['办件的区划代码须为本县的乡镇或村', 'the case\'s region code must be a township or village of this county'],
  ITEM_UNKNOWN: ['事项目录中没有该事项', 'the item is not in the catalogue'],
  ITEM_NOT_KIOSK: ['该事项不能在自助终端申请,请到窗口办理', 'this item cannot be applied for at a kiosk; please go to a service window'],
  ROLE_LEVEL_MISMATCH: ['操作人的层级与角色不符', 'the actor\'s level does not match the role'],
  ROLE_NOT_ALLOWED: ['当前角色无权进行此操作', 'this role may not take this step'],
  STATE_NOT_ALLOWED: ['办件当前状态下不能进行此操作', 'this step is not possible in the case\'s current status'],
  OUT_OF_JURISDICTION: ['该办件不在您的辖区内', 'the case is outside your jurisdiction'],
  NOT_HOLDER: ['该办件当前不由您所在层级或部门承办', 'the case is not held by your level, region or department'],
  DECIDE_LEVEL_MISMATCH: ['该事项须由有审批权的层级决定', 'this item must be decided by the level that has the authority'],
  FORWARD_NOT_UPWARD: ['只能向上级推送', 'a case can only be forwarded upward'],
  FORWARD_BEYOND_DECIDE_LEVEL: ['不能推送到超出审批层级的单位', 'a case cannot be forwarded beyond the level that decides it'],
  FORWARD_TARGET_INVALID: ['推送目标的区划或部门无效', 'the forwarding target region or department is invalid'],
  ISSUE_PLACE_INVALID: ['领证地点不在申请人所在区域', 'the collection place is not in the applicant\'s area'],
  CASE_ALREADY_RATED: ['该办件已评价', 'the case has already been rated'],
  RESOLUTION_INVALID: ['决定所指的事件不是当前冲突的双方', 'the decision does not name the sides of an open conflict'],
  RESOLUTION_CONFLICT: ['存在相互矛盾的决定,须再次决定', 'contradicting decisions were made; decide again'],
  EVENT_ID_REUSED: ['同一事件编号出现不同内容', 'one event id arrived with different contents'],
} as const satisfies Record<string, readonly [string, string]>;

export type CaseErrorCode = keyof typeof messages;

export const caseErrorCodes = Object.keys(messages) as CaseErrorCode[];

export function caseError(code: CaseErrorCode, detail?: { zh: string; en: string }): TransferableError {
  const [zh, en] = messages[code];
  return { code, message: detail ? { zh: `${zh}:${detail.zh}`, en: `${en}: ${detail.en}` } : { zh, en } };
}
