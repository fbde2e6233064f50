import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'kiosk', include: ['{renderer,common,node,electron-main}/**/*.test.ts', 'e2e/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
