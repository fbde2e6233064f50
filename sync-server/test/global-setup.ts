import type { TestProject } from 'vitest/node';
import { startPostgres, tempDir } from '@onetrip/testkit';
import { openPglite } from '../src/storage/pglite-db';
import { migrate } from '../src/storage/migrations';

declare module 'vitest' {
  export interface ProvidedContext {
    /** pglite: a migrated PGlite data directory that each test file copies (initdb is slow). */
    pgliteTemplate: string;
    /** postgres: the maintenance URL of the shared throwaway server; each file creates its own database. */
    pgAdminUrl: string;
  }
}

/** Starts what the whole project shares, once: a PostgreSQL server, or a PGlite template. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // test.env reaches the test workers, not this process: read it from the project's config.
  if (project.config.env?.ONETRIP_TEST_DB === 'postgres') {
    const pg = await startPostgres({ settings: { max_connections: 300 } });
    project.provide('pgAdminUrl', pg.adminUrl);
    project.provide('pgliteTemplate', '');
    return () => pg.stop();
  }
  const dir = await tempDir('pglite-template');
  const db = await openPglite(dir.path);
  await migrate(db);
  await db.close();
  project.provide('pgliteTemplate', dir.path);
  project.provide('pgAdminUrl', '');
  return () => dir.cleanup();
}
