#!/usr/bin/env node
// `npm run bench -- NAME [NAME …]`: run benchmarks from bench/NAME.ts. Each exports
// `run(): Promise<string[]>` and returns one line per figure, in the format of STYLE.md:
//   NAME: ours X UNIT, peer Y UNIT, ratio R      (or: NAME: ours X UNIT, target T UNIT)
// Progress goes to stderr while a bench runs; the figures are printed together at the end.
import { register } from 'tsx/esm/api';
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

register();
const benchDir = fileURLToPath(new URL('../bench/', import.meta.url));
const available = readdirSync(benchDir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('vitest.config')).map((f) => f.slice(0, -3));
const names = process.argv.slice(2);
if (names.length === 0 || names.some((n) => !available.includes(n))) {
  console.error(`用法 / usage: npm run bench -- <${available.join('|') || 'no benchmarks yet'}>`);
  process.exit(2);
}
const figures = [];
for (const name of names) {
  const mod = await import(pathToFileURL(join(benchDir, `${name}.ts`)).href);
  figures.push(...(await mod.run()));
}
console.log(figures.join('\n'));
