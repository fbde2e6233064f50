import { BugIndicatingError } from '../errors';
import type { Role } from '../roles';
import type { CaseEventType } from './schema';
import type { CaseStatus } from './state';

/**
 * Where the actor must stand relative to the case:
 * - `jurisdiction`: the case's home region lies in the actor's area (a kiosk's area is its township);
 * - `holder`: the actor works at the level and in the region (and department) that holds the case now.
 */
export type PermissionScope = 'jurisdiction' | 'holder';

export interface PermissionRule {
  event: CaseEventType;
  roles: readonly Role[];
  /** Statuses the case may be in; `none` = the case does not exist yet. */
  states: readonly (CaseStatus | 'none')[];
  scope: PermissionScope;
  /** Steps that compete with each other: two of them made offline from one status form a fork. */
  exclusive: boolean;
  note: { zh: string; en: string };
}

const open: CaseStatus[] = ['submitted', 'forwarded', 'accepted', 'awaitingMaterials'];
const desks: Role[] = ['villageClerk', 'townshipStaff', 'cityReviewer'];
const applicantSide: Role[] = ['kiosk', 'villageClerk', 'townshipStaff'];

/** THE permission table: which role may append which event in which status, from where. */
export const permissionTable: readonly PermissionRule[] = [
  { event: 'submitted', roles: applicantSide, states: ['none'], scope: 'jurisdiction', exclusive: false,
    note: { zh: '申请人在自助终端或经代办员、窗口提交申请', en: 'the applicant applies at a kiosk, through a clerk or at a window' } },
  { event: 'accepted', roles: desks, states: ['submitted', 'forwarded'], scope: 'holder', exclusive: true,
    note: { zh: '当前承办层级受理', en: 'the level holding the case takes it on' } },
  { event: 'materialsRequested', roles: desks, states: ['submitted', 'forwarded', 'accepted'], scope: 'holder', exclusive: true,
    note: { zh: '一次性告知需补正的材料', en: 'ask once for every missing material' } },
  { event: 'materialsSupplied', roles: applicantSide, states: ['awaitingMaterials'], scope: 'jurisdiction', exclusive: true,
    note: { zh: '申请人补齐材料', en: 'the applicant supplies the materials' } },
  { event: 'forwarded', roles: ['villageClerk', 'townshipStaff'], states: ['accepted'], scope: 'holder', exclusive: true,
    note: { zh: '网端推送至上级', en: 'send the case upward over the network' } },
  { event: 'approved', roles: desks, states: ['accepted'], scope: 'holder', exclusive: true,
    note: { zh: '有审批权的层级批准', en: 'the level with authority approves' } },
  { event: 'rejected', roles: desks, states: open, scope: 'holder', exclusive: true,
    note: { zh: '不予受理或不予批准', en: 'refuse to accept, or refuse to approve' } },
  { event: 'issued', roles: desks, states: ['approved'], scope: 'holder', exclusive: true,
    note: { zh: '出证,指定领取地点', en: 'issue the result and name where to collect it' } },
  { event: 'collected', roles: ['villageClerk', 'townshipStaff', 'cityReviewer'], states: ['issued'], scope: 'holder', exclusive: true,
    note: { zh: '申请人现场领证,办结', en: 'the applicant collects the result; the case is completed' } },
  { event: 'rated', roles: applicantSide, states: ['completed', 'rejected'], scope: 'jurisdiction', exclusive: false,
    note: { zh: '好差评,每件一次', en: 'the citizen rates the case, once' } },
  { event: 'withdrawn', roles: applicantSide, states: open, scope: 'jurisdiction', exclusive: true,
    note: { zh: '申请人撤回申请', en: 'the applicant withdraws' } },
  { event: 'decisionResolved', roles: ['townshipStaff', 'cityReviewer', 'admin'], states: [...open, 'approved', 'rejected', 'issued', 'completed', 'withdrawn'],
    scope: 'jurisdiction', exclusive: false,
    note: { zh: '对离线冲突作出决定(仅在需要决定时)', en: 'decide between conflicting offline steps (only when a decision is needed)' } },
];

export function findPermissionRule(event: CaseEventType): PermissionRule {
  const rule = permissionTable.find((r) => r.event === event);
  if (!rule) throw new BugIndicatingError(`no permission rule for ${event}`);
  return rule;
}

/** The permission table as Markdown, for docs/domain.md (a test keeps the page in step). */
export function renderPermissionTable(): string {
  const rows = permissionTable.map((r) =>
    `| \`${r.event}\` | ${r.roles.join(', ')} | ${r.states.join(', ')} | ${r.scope} | ${r.exclusive ? 'yes' : 'no'} | ${r.note.zh} / ${r.note.en} |`);
  return ['| event | roles | in status | scope | exclusive | meaning |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
