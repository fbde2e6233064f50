// The inbox's filters and order, pure: status, item, level, overdue only, needs-decision only,
// and a free-text match on the case number or the item's name. Overdue and needs-decision first.
import type { CaseState, CaseStatus, Level } from '@onetrip/domain';
import { classifyDeadline } from './deadlines';

export interface InboxFilter {
  status?: CaseStatus | 'open';
  itemCode?: string;
  level?: Level;
  overdueOnly?: boolean;
  needsDecisionOnly?: boolean;
  text?: string;
}

export const openStatuses: readonly CaseStatus[] = ['submitted', 'accepted', 'awaitingMaterials', 'forwarded', 'approved', 'issued'];

export interface InboxRow { state: CaseState; deadline: ReturnType<typeof classifyDeadline> }

function matches(row: InboxRow, f: InboxFilter, itemName: (code: string) => string): boolean {
  const s = row.state;
  if (f.status === 'open' && !openStatuses.includes(s.status)) return false;
  if (f.status && f.status !== 'open' && s.status !== f.status) return false;
  if (f.itemCode && s.itemCode !== f.itemCode) return false;
  if (f.level && s.holder.level !== f.level) return false;
  if (f.overdueOnly && row.deadline.level !== 'overdue') return false;
  if (f.needsDecisionOnly && !s.needsDecision) return false;
  const text = f.text?.trim().toLowerCase();
  if (text && !s.caseId.toLowerCase().includes(text) && !itemName(s.itemCode).toLowerCase().includes(text)) return false;
  return true;
}

const urgency = (row: InboxRow): number =>
  (row.state.needsDecision ? 0 : 4) + ({ overdue: 0, warning: 1, ok: 2, none: 3 } as const)[row.deadline.level];

export function filterInbox(states: readonly CaseState[], f: InboxFilter, nowMs: number, itemName: (code: string) => string = (c) => c): InboxRow[] {
  return states
    .map((state) => ({ state, deadline: classifyDeadline(state, nowMs) }))
    .filter((row) => matches(row, f, itemName))
    .sort((a, b) => urgency(a) - urgency(b) || (a.state.updatedAt < b.state.updatedAt ? 1 : a.state.updatedAt > b.state.updatedAt ? -1 : 0));
}
