import { defineConfig } from 'vitest/config';

// Node project: RxDB memory storage, real sync server child processes on 127.0.0.1,
// and the Chromium test driven from Node through @onetrip/testkit (no @vitest/browser).
export default defineConfig({
  test: {
    name: 'replica',
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // RxDB's open-core build caps open collections per process; files run in their own
    // worker (the default pool) so one file's replicas never count against another's.
    fileParallelism: true,
  },
});
