import { existsSync } from 'node:fs';
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pendingExitCleanups } from './exit-cleanup';
import { tempDir } from './temp-dir';

describe('tempDir', () => {
  it('makes a fresh empty directory under the OS temp dir and removes it with its contents', async () => {
    const before = pendingExitCleanups();
    const dir = await tempDir('unit test/..');
    expect(dirname(dir.path)).toBe(tmpdir());
    expect(basename(dir.path)).toMatch(/^onetrip-unit-test----[A-Za-z0-9]{6}$/);
    expect(await readdir(dir.path)).toEqual([]);
    expect(pendingExitCleanups()).toBe(before + 1);

    await mkdir(join(dir.path, 'nested'));
    await writeFile(join(dir.path, 'nested', 'file.txt'), '办件');
    await dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
    expect(pendingExitCleanups()).toBe(before);
    await dir.cleanup(); // a second call is harmless
  });

  it('gives two callers two different directories', async () => {
    const [one, two] = await Promise.all([tempDir('x'), tempDir('x')]);
    expect(one.path).not.toBe(two.path);
    await Promise.all([one.cleanup(), two.cleanup()]);
  });
});
