import { DomainError } from '../errors';
import type { CaseEvent } from './schema';
import type { CaseState } from './state';
import { caseError } from './case-errors';
import { transition } from './transition';
import { findRival } from './forks';
import { contradictsStandingDecisions } from './resolutions';
import { resolveContext, type CaseContext } from './context';

export type AppendCheck = { ok: true } | { ok: false; error: DomainError };

export interface AppendContext extends CaseContext {
  /**
   * Refuse steps that would only fork the case. Set it for a step a person is taking now on
   * a device that has seen the whole case (a desk's or kiosk's own write). Leave it unset on
   * the server, which must keep the steps devices took offline: a step that competed with
   * one already applied is stored, and the fold keeps both sides as a conflict.
   */
  forbidForks?: boolean;
}

/** Refusals that only say the case has moved on, as opposed to the actor lacking the right. */
const STALE_CODES: ReadonlySet<string> = new Set(['STATE_NOT_ALLOWED', 'NOT_HOLDER', 'DECIDE_LEVEL_MISMATCH', 'CASE_ALREADY_RATED']);

/**
 * A later step of a device whose offline step is one side of an open conflict: stale against
 * the provisional winner, but it belongs to that device's branch and must not be lost. The
 * fold refuses it for now and applies it if a decision picks that branch.
 */
function isBranchStep(state: CaseState, event: CaseEvent, code: string): boolean {
  return STALE_CODES.has(code) && state.conflicts.some((c) => c.resolvedBy === null && c.deviceIds.includes(event.deviceId));
}

const refused = (error: Parameters<typeof DomainError.fromTransferable>[0]): AppendCheck => ({ ok: false, error: DomainError.fromTransferable(error) });

/**
 * May `event` be appended to the case? Uses the permission table, the actor's level and
 * region against the case's holder, and each step's own rules. A case that needs a decision
 * takes nothing new but the decision. An event already in the history is a harmless repeat.
 * A step made offline from an earlier state on another device (a rival of an applied step)
 * is accepted unless `forbidForks`: the fold then keeps it as redundant or as a conflict; so
 * are that device's later steps on its branch while the conflict is open.
 */
export function checkAppend(state: CaseState | null, event: CaseEvent, ctx: AppendContext = {}): AppendCheck {
  if (state?.history.some((h) => h.eventId === event.id)) return { ok: true };
  const resolved = resolveContext(ctx);
  const step = transition(state, event, resolved);
  if (step.ok) {
    if (state?.needsDecision && event.type !== 'decisionResolved') return refused(caseError('CASE_NEEDS_DECISION'));
    // a decision that contradicts a standing one (or passes over decisions that already
    // contradict) would be kept without effect as a conflict, so a person deciding now is told
    if (ctx.forbidForks && state && event.type === 'decisionResolved' && contradictsStandingDecisions(state, event)) {
      return refused(caseError('RESOLUTION_CONFLICT'));
    }
    return { ok: true };
  }
  if (state && !ctx.forbidForks && (findRival(state, event, resolved) || isBranchStep(state, event, step.error.code))) return { ok: true };
  return refused(step.error);
}
