// Test page for the wedge listener in Chromium: records scans and each Enter that reached the
// field. The listener's clock is injected: every key advances it by `step` ms, which the test
// sets (fast for a scanner, slow for a person). Real key events still travel through the real
// DOM; only the timing is made independent of how loaded the test machine is (CDP key events
// arrive up to ~150 ms apart on a busy CI box). The timing rule itself is property-tested.
import { attachWedgeListener } from '../scanner/wedge-listener';

const scans: string[] = [];
const entersSeen: boolean[] = [];
const input = document.createElement('input');
input.id = 'field';
document.body.append(input);
input.addEventListener('keydown', (e) => { if (e.key === 'Enter') entersSeen.push(!e.defaultPrevented); });

let clock = 0;
let step = 5;
attachWedgeListener(window, (code) => scans.push(code), { now: () => (clock += step) });

Object.assign(window, {
  harness: {
    scans, entersSeen,
    setStep: (ms: number) => { step = ms; },
    reset: () => { scans.length = 0; entersSeen.length = 0; input.value = ''; },
  },
});
