import { defineConfig } from 'vitest/config';

// Each end-to-end file starts a whole stack (sync server, agent with simulators, kiosk, Chromium);
// on a 2-core machine running them one at a time is steadier than four stacks at once.
export default defineConfig({
  test: {
    name: 'kiosk', include: ['{renderer,common,node,electron-main}/**/*.test.ts', 'e2e/**/*.test.ts'],
    testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false,
  },
});
