import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'hardware', include: ['{common,node,browser}/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
});
