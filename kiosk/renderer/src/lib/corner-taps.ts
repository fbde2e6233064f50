// The hidden way into maintenance: five taps on the attract screen's top-right corner within
// three seconds. A villager does not do that by chance; staff know it. Time is injected.
export const TAPS_NEEDED = 5;
export const TAP_WINDOW_MS = 3000;

export function createCornerTaps(onOpen: () => void, now: () => number): () => void {
  let taps: number[] = [];
  return () => {
    const t = now();
    taps = [...taps.filter((x) => t - x < TAP_WINDOW_MS), t];
    if (taps.length >= TAPS_NEEDED) { taps = []; onOpen(); }
  };
}
