import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumAvailable, chromiumPath } from './chromium';
import { findPostgresBinDir } from './postgres-bin';
import { socatAvailable } from './pty-pair';
import { tempDir } from './temp-dir';
import { which } from './which';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['CHROMIUM_PATH', 'SOCAT_PATH', 'PG_BINDIR', 'PATH']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

async function fakeExecutables(names: string[]): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const tmp = await tempDir('fake-bin');
  const dir = join(tmp.path, 'bin');
  await mkdir(dir);
  for (const name of names) {
    await writeFile(join(dir, name), '#!/bin/sh\nexit 0\n');
    await chmod(join(dir, name), 0o755);
  }
  return { dir, cleanup: () => tmp.cleanup() };
}

describe('finding the real parts', () => {
  it('which() finds executables on PATH and ignores plain files and directories', async () => {
    const fake = await fakeExecutables(['onetrip-tool']);
    await writeFile(join(fake.dir, 'not-executable'), 'x');
    process.env.PATH = `${fake.dir}:/nonexistent`;
    expect(which('onetrip-tool')).toBe(join(fake.dir, 'onetrip-tool'));
    expect(which('not-executable')).toBeNull();
    expect(which(fake.dir)).toBeNull();
    await fake.cleanup();
  });

  it('a CHROMIUM_PATH or SOCAT_PATH that is not an executable gives a reason to print', () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    expect(chromiumAvailable()).toMatch(/CHROMIUM_PATH=\/nonexistent\/chromium/);
    process.env.SOCAT_PATH = '/nonexistent/socat';
    expect(socatAvailable()).toMatch(/socat not found/);
  });

  it('CHROMIUM_PATH wins over the system Chromium', async () => {
    const fake = await fakeExecutables(['my-chrome']);
    process.env.CHROMIUM_PATH = join(fake.dir, 'my-chrome');
    expect(chromiumPath()).toBe(join(fake.dir, 'my-chrome'));
    expect(chromiumAvailable()).toBeNull();
    await fake.cleanup();
  });

  it('PG_BINDIR wins when it holds initdb and postgres, and is skipped when it does not', async () => {
    const full = await fakeExecutables(['initdb', 'postgres']);
    const partial = await fakeExecutables(['initdb']);
    process.env.PG_BINDIR = full.dir;
    expect(findPostgresBinDir()).toBe(full.dir);
    process.env.PG_BINDIR = partial.dir;
    expect(findPostgresBinDir()).not.toBe(partial.dir);
    await Promise.all([full.cleanup(), partial.cleanup()]);
  });
});
