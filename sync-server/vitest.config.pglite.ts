import { defineConfig } from 'vitest/config';

// The sync-server suite on the embedded engine. vitest.config.postgres.ts runs the very same
// files against a real PostgreSQL server; ONETRIP_TEST_DB tells test/harness.ts which.
export default defineConfig({
  test: {
    name: 'sync-server-pglite',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    env: { ONETRIP_TEST_DB: 'pglite' },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
