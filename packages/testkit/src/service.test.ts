import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freePort } from './free-port';
import { startService } from './service';
import { tempDir } from './temp-dir';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

describe('startService', () => {
  it('starts a TypeScript entry, waits for its URL, and stops it', async () => {
    const dir = await tempDir('service');
    try {
      const entry = join(dir.path, 'server.ts');
      await writeFile(entry, `import { createServer } from 'node:http';
const s = createServer((_q, r) => r.end('ok')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('up on ' + process.env.PORT));
process.on('SIGTERM', () => s.close(() => process.exit(0)));\n`);
      const port = await freePort();
      const svc = await startService('tiny', relative(repo, entry), { PORT: String(port) }, `http://127.0.0.1:${port}/`);
      expect(svc.output()).toContain(`up on ${port}`);
      await svc.stop();
      expect(svc.child.exitCode ?? svc.child.signalCode).not.toBeNull();
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    } finally { await dir.cleanup(); }
  });

  it('reports a service that exits before it is ready, with its output', async () => {
    const dir = await tempDir('service');
    try {
      const entry = join(dir.path, 'fail.ts');
      await writeFile(entry, `console.error('no config'); process.exit(3);\n`);
      await expect(startService('broken', relative(repo, entry), {}, /never/, 30_000)).rejects.toThrow(/broken exited early:[\s\S]*no config/);
    } finally { await dir.cleanup(); }
  });
});
