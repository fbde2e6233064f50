import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundleElectron } from './electron-bundle';

const requires = (file: string) => [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);

describe('Electron bundles', () => {
  it('inline everything into the sandboxed preload except electron, and keep our TypeScript out of node_modules lookups', async () => {
    const main = await bundleElectron();
    const preload = main.replace(/main\.cjs$/, 'preload.cjs');
    expect(new Set(requires(preload))).toEqual(new Set(['electron']));
    const mainRequires = requires(main);
    expect(mainRequires).toContain('electron');
    expect(mainRequires.some((r) => r?.startsWith('@onetrip/'))).toBe(false);
  }, 60_000);
});
