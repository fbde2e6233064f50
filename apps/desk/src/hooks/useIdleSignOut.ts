import { useEffect, useRef } from 'react';
import { IDLE_MS, isSessionExpired, startSession, touchSession } from '../lib/session';

/** Ends the session after `idleMs` without a key press, click or touch (session.ts holds the rule). */
export function useIdleSignOut(onExpire: () => void, idleMs = IDLE_MS): void {
  const session = useRef(startSession(Date.now()));
  const expire = useRef(onExpire);
  expire.current = onExpire;
  useEffect(() => {
    const touch = () => { session.current = touchSession(session.current, Date.now()); };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) globalThis.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => { if (isSessionExpired(session.current, Date.now(), idleMs)) expire.current(); }, Math.min(15_000, idleMs / 4));
    return () => { for (const e of events) globalThis.removeEventListener(e, touch); clearInterval(timer); };
  }, [idleMs]);
}
