import { defineConfig } from 'vitest/config';

// The same suite as vitest.config.pglite.ts, on a throwaway PostgreSQL server started once by
// test/global-setup.ts (through @onetrip/testkit); each test file gets its own database.
export default defineConfig({
  test: {
    name: 'sync-server-postgres',
    root: import.meta.dirname,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    env: { ONETRIP_TEST_DB: 'postgres' },
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
