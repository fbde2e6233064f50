// Proves the layer rules of STYLE.md (eslint.config.js) fire: each fixture breaks one rule
// and is linted as if it lived in the folder the rule protects.
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** A test focused with .only, written out at run time so the repository never holds one. */
const focusedTest = `import { it, expect } from 'vitest';\n\nit.${'only'}('runs alone', () => {\n  expect(1 + 1).toBe(2);\n});\n`;

async function lintAs(fixture: string, virtualPath: string) {
  const code = fixture === 'focused-test' ? focusedTest : readFileSync(new URL(`./lint-fixtures/${fixture}`, import.meta.url), 'utf8');
  const [result] = await eslint.lintText(code, { filePath: `${root}${virtualPath}` });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

const cases: Array<[fixture: string, path: string, rule: string, why: RegExp]> = [
  ['imports-node-builtin.ts', 'packages/domain/src/fixture.ts', 'no-restricted-imports', /packages\/domain must run without Node/],
  ['imports-bare-builtin.ts', 'packages/domain/src/fixture.ts', 'no-restricted-imports', /without Node/],
  ['imports-workspace.ts', 'packages/domain/src/fixture.ts', 'no-restricted-imports', /imports no other workspace/],
  ['imports-io-library.ts', 'packages/domain/src/fixture.ts', 'no-restricted-imports', /does no I\/O/],
  ['imports-node-builtin.ts', 'kiosk/renderer/src/fixture.ts', 'no-restricted-imports', /must run without Node/],
  ['imports-bare-builtin.ts', 'apps/desk/src/fixture.ts', 'no-restricted-imports', /must run without Node/],
  ['imports-node-builtin.ts', 'packages/replica/src/browser/fixture.ts', 'no-restricted-imports', /must run without Node/],
  ['imports-node-builtin.ts', 'hardware/common/fixture.ts', 'no-restricted-imports', /must run without Node/],
  ['imports-hardware.ts', 'kiosk/renderer/src/fixture.ts', 'no-restricted-imports', /typed bridge/],
  ['imports-hardware.ts', 'apps/admin/src/fixture.ts', 'no-restricted-imports', /typed bridge/],
  ['imports-hardware-relative.ts', 'kiosk/renderer/src/fixture.ts', 'no-restricted-imports', /typed bridge/],
  ['imports-sync-server.ts', 'hardware/node/fixture.ts', 'no-restricted-imports', /Nothing imports from kiosk, apps or sync-server/],
  ['imports-sync-server.ts', 'packages/replica/src/fixture.ts', 'no-restricted-imports', /Nothing imports from kiosk, apps or sync-server/],
  ['imports-app-relative.ts', 'bench/fixture.ts', 'no-restricted-imports', /Nothing imports from kiosk, apps or sync-server/],
  ['focused-test', 'hardware/node/fixture.test.ts', 'no-restricted-syntax', /No \.only/],
];

describe('layer rules', () => {
  it.each(cases)('%s in %s is refused', async (fixture, path, rule, why) => {
    const messages = await lintAs(fixture, path);
    expect(messages).toContainEqual({ rule, message: expect.stringMatching(why) });
  });

  it('lets Node code import Node built-ins', async () => {
    expect(await lintAs('imports-node-builtin.ts', 'hardware/node/fixture.ts')).toEqual([]);
  });

  it('lets renderer code use hardware\'s browser-safe layer', async () => {
    expect(await lintAs('imports-hardware-browser.ts', 'kiosk/renderer/src/fixture.ts')).toEqual([]);
  });

  it('does not mistake a relative folder named like a Node module for the module', async () => {
    expect(await lintAs('imports-relative-events.ts', 'packages/domain/src/fixture.ts')).toEqual([]);
  });

  it('lets the domain import zod', async () => {
    expect(await lintAs('clean.ts', 'packages/domain/src/fixture.ts')).toEqual([]);
  });
});
