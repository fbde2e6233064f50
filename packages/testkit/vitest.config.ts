import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'testkit', include: ['src/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
