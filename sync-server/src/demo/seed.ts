import type { ServerContext } from '../context';
import type { Queryable } from '../storage/db';
import { lockCounters, notifyChanges } from '../storage/changes';
import { writeDocs } from '../replication/push';
import { collections, type DocCollection } from '../replication/collections';
import { storePasswordHash } from '../auth/login';
import { hashPassword } from '../auth/passwords';
import { createEnrollCode } from '../auth/devices';
import { COUNTY_CODE, demoCatalogue, demoDepartments, demoRegions } from '../domain';
import { demoUsers, DEMO_PASSWORD, type DemoUser } from './accounts';

export interface DemoSeed {
  accounts: Array<{ username: string; role: string; regionCode: string; departmentCode?: string }>;
  password: string;
  enrollment: { code: string; siteId: string; regionCode: string; expiresAt: string };
}

/**
 * Demo mode: the demo county, its catalogue, one account per role and place, and an
 * enrollment code for a demo kiosk. Idempotent: rows that exist are left as they are (a
 * restart keeps edits and adds no duplicates); a fresh kiosk code is made only when the
 * last one was used or expired.
 */
export async function seedDemo(ctx: ServerContext): Promise<DemoSeed> {
  const users = demoUsers();
  await ctx.db.transaction(async (tx) => {
    await lockCounters(tx, ['items', 'regions', 'users']);
    await insertMissing(tx, 'regions', demoRegions as unknown as Record<string, unknown>[]);
    await insertMissing(tx, 'items', demoCatalogue as unknown as Record<string, unknown>[]);
    const created = await insertMissing(tx, 'users', users as unknown as Record<string, unknown>[]);
    // scrypt runs on libuv's thread pool: hash the new accounts' passwords concurrently (each
    // with its own salt), then store them.
    const fresh = users.filter((u) => created.has(u.id));
    const hashes = await Promise.all(fresh.map(() => hashPassword(DEMO_PASSWORD, ctx.config.SCRYPT_LOG_N)));
    for (const [i, u] of fresh.entries()) await storePasswordHash(tx, u, hashes[i]!);
    await notifyChanges(tx, ['items', 'regions', 'users']);
  });
  const enrollment = await demoEnrollment(ctx);
  const seed: DemoSeed = {
    accounts: users.map((u: DemoUser) => ({ username: u.username, role: u.role, regionCode: u.regionCode, ...(u.departmentCode ? { departmentCode: u.departmentCode } : {}) })),
    password: DEMO_PASSWORD,
    enrollment,
  };
  ctx.log.info({ departments: demoDepartments.length, county: COUNTY_CODE }, 'demo data seeded');
  return seed;
}

async function insertMissing(tx: Queryable, collection: DocCollection, docs: Record<string, unknown>[]): Promise<Set<string>> {
  const key = collections[collection].key;
  const existing = new Set((await tx.query<{ id: string }>('SELECT id FROM docs WHERE collection = $1', [collection])).map((r) => r.id));
  const missing = docs.filter((doc) => !existing.has(String(doc[key])));
  await writeDocs(tx, collection, missing.map((doc) => ({ assumed: null, body: doc, deleted: false, id: String(doc[key]) })), 'demo-seed');
  return new Set(missing.map((doc) => String(doc[key])));
}

async function demoEnrollment(ctx: ServerContext): Promise<DemoSeed['enrollment']> {
  const site = demoRegions.flatMap((r) => r.sites).find((s) => s.kind === 'selfServiceArea') ?? demoRegions.flatMap((r) => r.sites)[0];
  if (!site) throw new Error('the demo regions have no site');
  const admin = { kind: 'user' as const, id: 'admin', role: 'admin' as const, regionCode: COUNTY_CODE };
  // The code itself is stored hashed, so a still-valid one cannot be printed again: make a
  // fresh one per start, and let the previous unused demo codes expire.
  await ctx.db.query(`UPDATE enrollment_codes SET expires_at = now() WHERE created_by = 'admin' AND label = 'demo kiosk' AND used_at IS NULL AND expires_at > now()`);
  return createEnrollCode(ctx, admin, { siteId: site.id, label: 'demo kiosk' });
}

export function printDemo(seed: DemoSeed, apiUrl: string, out: (line: string) => void): void {
  out('');
  out('OneTrip sync-server — 演示模式 / demo mode (never use these accounts in a real install)');
  out(`  API: ${apiUrl}`);
  out(`  所有演示账号的密码 / password of every demo account: ${seed.password}`);
  for (const a of seed.accounts) out(`  ${a.username.padEnd(28)} ${a.role.padEnd(14)} ${a.regionCode}${a.departmentCode ? ` ${a.departmentCode}` : ''}`);
  out(`  终端注册码 / kiosk enrollment code: ${seed.enrollment.code}  (site ${seed.enrollment.siteId}, expires ${seed.enrollment.expiresAt})`);
  out('');
}
