#!/usr/bin/env node
// `npm test`: lint, typecheck, then every workspace's Vitest project in one run.
// Every step runs even when an earlier one fails, so one report shows everything;
// the last line is the plain summary CI reads: "summary: N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reportDir = join(root, 'artifacts');
const report = join(reportDir, 'vitest-report.json');
mkdirSync(reportDir, { recursive: true });
rmSync(report, { force: true });

const extra = process.argv.slice(2);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const steps = [
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
  { name: 'typecheck', cmd: bin('tsc'), args: ['-b'] },
  { name: 'tests', cmd: bin('vitest'), args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra] },
];

let failedSteps = 0;
const lines = [];
for (const step of steps) {
  const started = Date.now();
  console.log(`\n── ${step.name} ──`);
  const run = spawnSync(step.cmd, step.args, { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (!ok) failedSteps += 1;
  lines.push(`${step.name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds} s`);
}

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests ?? 0;
  failed = json.numFailedTests ?? 0;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  // A suite that fails to load has no failed test in it, but it is a failure all the same.
  failed += (json.testResults ?? []).filter((r) => r.status === 'failed' && (r.assertionResults ?? []).length === 0).length;
}
// Vitest exiting non-zero with no failed test (a crash, a config error) is still a failure.
if (!lines[2]?.startsWith('tests: ok') && failed === 0) failed = 1;
// Lint and typecheck count as one check each, so a red step can never hide behind green tests.
const checks = lines.slice(0, 2);
const checksPassed = checks.filter((l) => l.includes(': ok')).length;
const stepFailures = checks.length - checksPassed;
console.log('');
for (const line of lines) console.log(line);
console.log(`summary: ${passed + checksPassed} passed, ${failed + stepFailures} failed, ${skipped} skipped`);
process.exit(failedSteps === 0 && failed === 0 ? 0 : 1);
