import { z } from 'zod';
import { ulid } from 'ulid';
import type { ServerContext } from '../context';
import type { Queryable } from '../storage/db';
import { apiError } from '../errors';
import { appendAudit } from '../audit/audit-log';
import { lockCounters, notifyChanges, REVOCATIONS_CHANNEL, takeSeq } from '../storage/changes';
import { writeDoc } from '../replication/push';
import { issueToken } from './login';
import { newEnrollCode, normaliseEnrollCode, sha256Hex } from './tokens';
import type { Principal } from './principal';

export const EnrollBody = z.object({
  code: z.string().min(4).max(64),
  name: z.string().trim().min(1).max(100),
  /** The kiosk's own public key (SPKI PEM or base64); kept for signed heartbeats and updates. */
  publicKey: z.string().min(16).max(4096),
});
export const EnrollCodeBody = z.object({
  siteId: z.string().min(1).max(64),
  label: z.string().max(100).optional(),
  ttlMinutes: z.number().int().min(1).max(60 * 24 * 30).optional(),
});

const DEVICE_TOKEN_TTL_HOURS = 24 * 365;

/** Finds the region whose `sites` list the site; null when no region has it. */
export async function findSiteRegion(db: Queryable, siteId: string): Promise<string | null> {
  const rows = await db.query<{ region: string }>(
    `SELECT s->>'regionCode' AS region FROM docs d, json_array_elements(d.doc->'sites') s
      WHERE d.collection = 'regions' AND NOT d.deleted AND s->>'id' = $1 LIMIT 1`, [siteId]);
  return rows[0]?.region ?? null;
}

/** Admin: a single-use code that enrolls one kiosk at one site, valid for a limited time. */
export async function createEnrollCode(ctx: ServerContext, who: Principal, body: z.infer<typeof EnrollCodeBody>, fixedCode?: string) {
  const regionCode = await findSiteRegion(ctx.db, body.siteId);
  if (!regionCode) throw apiError('BAD_REQUEST', { reason: `unknown site ${body.siteId}` });
  const code = fixedCode ?? newEnrollCode();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + (body.ttlMinutes ?? ctx.config.ENROLL_CODE_TTL_MINUTES) * 60_000).toISOString();
  await ctx.db.transaction(async (tx) => {
    await tx.query('INSERT INTO enrollment_codes (code_hash, region_code, site_id, label, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6)',
      [sha256Hex(normaliseEnrollCode(code)), regionCode, body.siteId, body.label ?? null, who.id, expiresAt]);
    await appendAudit(tx, { actor: who, action: 'enrollCodeCreated', regionCode, target: body.siteId }, now);
  });
  return { code, siteId: body.siteId, regionCode, expiresAt };
}

interface CodeRow { region_code: string; site_id: string; usable: boolean }

/** A kiosk trades a code for its device id and token. The code works once, before it expires. */
export async function enroll(ctx: ServerContext, body: z.infer<typeof EnrollBody>): Promise<{ deviceId: string; token: string; siteId: string; regionCode: string }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await lockCounters(tx, ['auditLog', 'devices']);
    const [code] = await tx.query<CodeRow>(
      'SELECT region_code, site_id, (used_at IS NULL AND expires_at > $2) AS usable FROM enrollment_codes WHERE code_hash = $1 FOR UPDATE',
      [sha256Hex(normaliseEnrollCode(body.code)), now.toISOString()]);
    if (!code?.usable) throw apiError('ENROLL_CODE_INVALID');
    const deviceId = ulid(now.getTime());
    const doc = { id: deviceId, name: body.name, siteId: code.site_id, regionCode: code.region_code, status: 'active', lastSeenAt: now.toISOString() };
    await tx.query('INSERT INTO device_keys (device_id, region_code, public_key) VALUES ($1, $2, $3)', [deviceId, code.region_code, body.publicKey]);
    await writeDoc(tx, 'devices', { assumed: null, body: doc, deleted: false, id: deviceId }, await takeSeq(tx, 'devices'), deviceId);
    await tx.query('UPDATE enrollment_codes SET used_at = $2, device_id = $3 WHERE code_hash = $1', [sha256Hex(normaliseEnrollCode(body.code)), now.toISOString(), deviceId]);
    const who: Principal = { kind: 'device', id: deviceId, role: 'kiosk', regionCode: code.region_code, siteId: code.site_id };
    const { token } = await issueToken({ ...ctx, config: { ...ctx.config, TOKEN_TTL_HOURS: DEVICE_TOKEN_TTL_HOURS } }, who, tx);
    await notifyChanges(tx, ['devices']);
    await appendAudit(tx, { actor: who, action: 'deviceEnrolled', regionCode: code.region_code, target: deviceId, details: { siteId: code.site_id } }, now);
    return { deviceId, token, siteId: code.site_id, regionCode: code.region_code };
  });
}

/** Admin: revokes a device. Its tokens die at once and every instance closes its live streams. */
export async function revokeDevice(ctx: ServerContext, who: Principal, deviceId: string): Promise<{ deviceId: string; revokedAt: string }> {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await lockCounters(tx, ['auditLog', 'devices']);
    const [row] = await tx.query<{ doc: Record<string, unknown> }>(`SELECT doc FROM docs WHERE collection = 'devices' AND id = $1`, [deviceId]);
    if (!row) throw apiError('NOT_FOUND');
    const revokedAt = now.toISOString();
    const doc = { ...row.doc, status: 'revoked' };
    await writeDoc(tx, 'devices', { assumed: null, body: doc, deleted: false, id: deviceId }, await takeSeq(tx, 'devices'), deviceId);
    await tx.query('UPDATE tokens SET revoked_at = $2 WHERE principal_id = $1 AND revoked_at IS NULL', [deviceId, now.toISOString()]);
    await tx.query('SELECT pg_notify($1, $2)', [REVOCATIONS_CHANNEL, deviceId]);
    await notifyChanges(tx, ['devices']);
    await appendAudit(tx, { actor: who, action: 'deviceRevoked', regionCode: String(row.doc.regionCode), target: deviceId }, now);
    return { deviceId, revokedAt };
  });
}
