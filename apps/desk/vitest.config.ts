import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'desk', include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 240_000 },
});
