import { defineConfig } from 'vitest/config';

// Unit tests of the benchmarks' pure helpers. The benchmarks themselves never run here.
export default defineConfig({
  test: { name: 'bench', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'] },
});
