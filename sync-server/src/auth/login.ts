import { z } from 'zod';
import type { ServerContext } from '../context';
import { apiError } from '../errors';
import { audit } from '../audit/audit-log';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import { newToken, sha256Hex } from './tokens';
import { principalFromDoc, type Principal } from './principal';
import type { Queryable } from '../storage/db';

export const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) });
export type LoginBody = z.infer<typeof LoginBody>;

interface CredentialRow { user_id: string; password_hash: string; failed_count: number; locked: boolean; region_code: string }

let unknownUserHash: Promise<string> | undefined;

/**
 * Signs a staff user in. Failures count per account; after LOGIN_MAX_FAILURES in a row the
 * account is locked for LOGIN_LOCK_MINUTES (even the right password is refused meanwhile).
 * An unknown username costs one scrypt too, so timing does not reveal which names exist.
 */
export async function login(ctx: ServerContext, body: LoginBody): Promise<{ token: string; expiresAt: string; user: Record<string, unknown> }> {
  const now = ctx.now();
  const [cred] = await ctx.db.query<CredentialRow>(
    'SELECT user_id, password_hash, failed_count, region_code, coalesce(locked_until > $2, false) AS locked FROM credentials WHERE username = $1',
    [body.username, now.toISOString()]);
  if (!cred) {
    await verifyPassword(body.password, await (unknownUserHash ??= dummyHash(ctx.config.SCRYPT_LOG_N)));
    ctx.metrics.logins.inc({ outcome: 'unknown' });
    throw apiError('BAD_CREDENTIALS');
  }
  const system = { id: 'sync-server', role: 'system' as const };
  if (cred.locked) {
    ctx.metrics.logins.inc({ outcome: 'locked' });
    throw apiError('ACCOUNT_LOCKED');
  }
  if (!(await verifyPassword(body.password, cred.password_hash))) {
    const lock = cred.failed_count + 1 >= ctx.config.LOGIN_MAX_FAILURES;
    const until = new Date(now.getTime() + ctx.config.LOGIN_LOCK_MINUTES * 60_000).toISOString();
    await ctx.db.query('UPDATE credentials SET failed_count = $2, locked_until = $3 WHERE user_id = $1',
      [cred.user_id, lock ? 0 : cred.failed_count + 1, lock ? until : null]);
    await audit(ctx.db, { actor: system, action: lock ? 'accountLocked' : 'loginFailed', regionCode: cred.region_code, target: cred.user_id }, now);
    ctx.metrics.logins.inc({ outcome: 'failed' });
    throw apiError(lock ? 'ACCOUNT_LOCKED' : 'BAD_CREDENTIALS');
  }
  const userDoc = await findUserDoc(ctx.db, cred.user_id);
  if (!userDoc) throw apiError('BAD_CREDENTIALS');
  const who = principalFromDoc('user', userDoc);
  await ctx.db.query('UPDATE credentials SET failed_count = 0, locked_until = NULL WHERE user_id = $1', [cred.user_id]);
  const issued = await issueToken(ctx, who);
  await audit(ctx.db, { actor: who, action: 'login', regionCode: who.regionCode, target: who.id }, now);
  ctx.metrics.logins.inc({ outcome: 'ok' });
  return { ...issued, user: userDoc };
}

export async function findUserDoc(db: Queryable, userId: string): Promise<Record<string, unknown> | null> {
  const [row] = await db.query<{ doc: Record<string, unknown> }>(`SELECT doc FROM docs WHERE collection = 'users' AND id = $1 AND NOT deleted`, [userId]);
  return row?.doc ?? null;
}

export async function issueToken(ctx: ServerContext, who: Principal, tx: Queryable = ctx.db): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(ctx.now().getTime() + ctx.config.TOKEN_TTL_HOURS * 3_600_000).toISOString();
  await tx.query('INSERT INTO tokens (token_hash, kind, principal_id, region_code, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha256Hex(token), who.kind, who.id, who.regionCode, expiresAt]);
  return { token, expiresAt };
}

/** Sets (or resets) a user's password; creates the credential row the first time. */
export async function setPassword(ctx: ServerContext, tx: Queryable, user: { id: string; username: string; regionCode: string }, password: string): Promise<void> {
  await storePasswordHash(tx, user, await hashPassword(password, ctx.config.SCRYPT_LOG_N));
}

/** Stores a hash made by hashPassword (e.g. several computed at once, off the transaction's queue). */
export async function storePasswordHash(tx: Queryable, user: { id: string; username: string; regionCode: string }, hash: string): Promise<void> {
  await tx.query(
    `INSERT INTO credentials (user_id, username, region_code, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (user_id) DO UPDATE SET username = EXCLUDED.username, password_hash = EXCLUDED.password_hash, failed_count = 0, locked_until = NULL`,
    [user.id, user.username, user.regionCode, hash]);
}
