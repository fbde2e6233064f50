// ESLint flat config. The layer rules of STYLE.md live here as `no-restricted-imports`:
// a file's folder says where it may run, and these rules say what it may import there.
// scripts/lint-rules.test.ts proves each rule fires on a fixture that breaks it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));

const noApps = {
  group: ['@onetrip/kiosk', '@onetrip/kiosk/*', '@onetrip/desk', '@onetrip/desk/*', '@onetrip/admin', '@onetrip/admin/*',
    '@onetrip/sync-server', '@onetrip/sync-server/*', '**/kiosk/**', '**/apps/**', '**/sync-server/**'],
  message: 'Nothing imports from kiosk, apps or sync-server: they are leaves of the dependency graph (DESIGN.md, Layout). Talk to them over HTTP or IPC instead.',
};
// A regex, not gitignore-style `group` patterns: a group pattern like `events` would also match
// a relative import such as './events'.
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const noNode = (where) => ({
  regex: `^(node:.+|(${nodeBuiltins.map(escapeRegex).join('|')})(/.*)?)$`,
  message: `${where} must run without Node (STYLE.md): no Node built-in modules here.`,
});
// Browser code may use hardware's browser-safe layers (common/: pure codecs and the bridge's
// types; browser/: camera and keyboard-wedge helpers), which lint keeps free of Node and devices.
// It never reaches hardware's node/ layer or the server's code.
const noServerSide = {
  regex: '^(@onetrip/hardware(/node(/.*)?)?|@onetrip/sync-server(/.*)?|(\\.\\./)+(.*/)?(hardware/node|sync-server)(/.*)?)$',
  message: 'Browser code never talks to a device or the server\'s code directly: use the typed bridge (hardware agent) or HTTP (DESIGN.md). Only @onetrip/hardware/common and @onetrip/hardware/browser are browser-safe.',
};
const noWorkspaces = {
  group: ['@onetrip/*', '../../*', '../../../*'],
  message: 'packages/domain is the common layer of the whole repo: it imports no other workspace (STYLE.md).',
};
const noIo = {
  regex: '^(pg|@electric-sql/.+|serialport|@serialport/.+|node-hid|ws|fastify|@fastify/.+|rxdb|playwright-core|electron)(/.*)?$',
  message: 'packages/domain does no I/O (STYLE.md): pass data and effects in as parameters.',
};

const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.tsbuild/**', '**/dist/**', '**/coverage/**', '**/artifacts/**', 'scripts/lint-fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name='only']", message: 'No .only: the rest of the suite would stop running.' }],
      ...restrict(noApps),
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', '**/vitest.config.ts', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['packages/domain/**/*.ts'],
    ignores: ['packages/domain/vitest.config.ts'],
    rules: restrict(noApps, noNode('packages/domain'), noWorkspaces, noIo),
  },
  {
    files: ['kiosk/renderer/**/*.{ts,tsx}', 'apps/**/*.{ts,tsx}', 'packages/replica/src/browser/**/*.{ts,tsx}', '**/browser/**/*.{ts,tsx}', '**/common/**/*.{ts,tsx}'],
    ignores: ['**/e2e/**', '**/vitest.config.ts', '**/vite.config.ts'],
    rules: restrict(noApps, noNode('Browser and common code'), noServerSide),
  },
);
