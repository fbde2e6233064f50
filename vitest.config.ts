import { defineConfig } from 'vitest/config';

// One Vitest run over every workspace that has tests: each workspace keeps its own
// vitest.config.ts (environment, timeouts, setup) and is a project here.
export default defineConfig({
  test: {
    projects: [
      'scripts/vitest.config*.ts',
      'packages/*/vitest.config.ts',
      'hardware/vitest.config*.ts',
      'sync-server/vitest.config*.ts',
      'kiosk/vitest.config*.ts',
      'apps/*/vitest.config*.ts',
      'bench/vitest.config*.ts',
    ],
  },
});
