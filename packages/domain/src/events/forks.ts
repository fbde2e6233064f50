import type { CaseEvent } from './schema';
import type { CaseState, ForkPoint } from './state';
import { findPermissionRule } from './permissions';
import { transition } from './transition';
import type { ResolvedContext } from './context';

/** The fork point of the current state's history that `event` was made from, if any. */
export function findRival(state: CaseState, event: CaseEvent, ctx: ResolvedContext): ForkPoint | undefined {
  if (!findPermissionRule(event.type).exclusive) return undefined;
  for (let i = state.forkPoints.length - 1; i >= 0; i--) {
    const point = state.forkPoints[i]!;
    if (point.deviceId === event.deviceId) continue;
    const before: CaseState = { ...state, status: point.status, holder: point.holder, level: point.holder.level, departmentsInvolved: point.departmentsInvolved };
    if (transition(before, event, ctx).ok) return point;
  }
  return undefined;
}

export function forkPointOf(before: CaseState, event: CaseEvent): ForkPoint {
  return { eventId: event.id, deviceId: event.deviceId, status: before.status, holder: before.holder, departmentsInvolved: before.departmentsInvolved };
}
