// Binds the keyboard-wedge detector to DOM key events: a scan ends in Enter, and that Enter is
// swallowed so it does not submit a form; ordinary typing passes through untouched.
import { createWedgeDetector, type WedgeOptions } from '../../common/scanner/wedge-detector';

export interface WedgeListenerOptions extends WedgeOptions {
  /** Clock in milliseconds; defaults to the event's own timeStamp. */
  now?: () => number;
}

/** Listen on `target` (window or an element) and call `onScan` with each scanned code. Returns a detach function. */
export function attachWedgeListener(target: EventTarget, onScan: (code: string) => void, options: WedgeListenerOptions = {}): () => void {
  const detector = createWedgeDetector(options);
  const listener = (event: Event) => {
    const e = event as KeyboardEvent;
    if (e.isComposing || e.ctrlKey || e.altKey || e.metaKey) return;
    const decision = detector.key(e.key, options.now ? options.now() : e.timeStamp);
    if (decision?.kind === 'scan') {
      e.preventDefault();
      e.stopPropagation();
      onScan(decision.code);
    }
  };
  target.addEventListener('keydown', listener, { capture: true });
  return () => target.removeEventListener('keydown', listener, { capture: true });
}
