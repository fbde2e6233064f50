import { DomainError } from '../errors';
import type { CaseEvent } from './schema';
import type { CaseState } from './state';
import { caseError } from './case-errors';
import { transition } from './transition';
import { resolveContext, type CaseContext } from './context';

export type AppendCheck = { ok: true } | { ok: false; error: DomainError };

/**
 * May `event` be appended to the case now? The server asks this on every push, a desk
 * before it writes. Uses the permission table, the actor's level and region against the
 * case's holder, and each step's own rules. A case that needs a decision takes nothing
 * but the decision. An event already in the history is a harmless repeat.
 */
export function checkAppend(state: CaseState | null, event: CaseEvent, ctx: CaseContext = {}): AppendCheck {
  if (state?.history.some((h) => h.eventId === event.id)) return { ok: true };
  if (state?.needsDecision && event.type !== 'decisionResolved') {
    return { ok: false, error: DomainError.fromTransferable(caseError('CASE_NEEDS_DECISION')) };
  }
  const step = transition(state, event, resolveContext(ctx));
  return step.ok ? { ok: true } : { ok: false, error: DomainError.fromTransferable(step.error) };
}
