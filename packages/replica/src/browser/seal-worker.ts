// The worker that seals and opens personal fields for browserSealer() (sealer.ts): Vite
// builds it as its own same-origin script, which the apps' Content-Security-Policy allows.
import { serveSealing } from '../sealer';
import type { SealPort } from '../sealer';

serveSealing(globalThis as unknown as SealPort);
