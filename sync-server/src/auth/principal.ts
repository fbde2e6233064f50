import type { Queryable } from '../storage/db';
import { apiError } from '../errors';
import { sha256Hex } from './tokens';
import type { Role } from '../domain';

/** Who is calling: a signed-in staff user or an enrolled kiosk. */
export interface Principal {
  kind: 'user' | 'device';
  id: string;
  role: Role;
  regionCode: string;
  departmentCode?: string;
  siteId?: string;
}

interface TokenRow {
  kind: 'user' | 'device';
  principal_id: string;
  doc: Record<string, unknown> | null;
  deleted: boolean | null;
}

/** Resolves a bearer token to its principal, or throws UNAUTHORIZED / DEVICE_REVOKED. */
export async function principalForToken(db: Queryable, token: string): Promise<Principal> {
  const rows = await db.query<TokenRow>(
    `SELECT t.kind, t.principal_id, d.doc, d.deleted
       FROM tokens t
       LEFT JOIN docs d ON d.collection = CASE t.kind WHEN 'user' THEN 'users' ELSE 'devices' END AND d.id = t.principal_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now()`,
    [sha256Hex(token)],
  );
  const row = rows[0];
  if (!row || !row.doc || row.deleted) throw apiError('UNAUTHORIZED');
  return principalFromDoc(row.kind, row.doc);
}

export function principalFromDoc(kind: 'user' | 'device', doc: Record<string, unknown>): Principal {
  if (kind === 'device') {
    if (doc.status !== 'active') throw apiError('DEVICE_REVOKED');
    return { kind, id: String(doc.id), role: 'kiosk', regionCode: String(doc.regionCode), siteId: String(doc.siteId) };
  }
  if (doc.active !== true) throw apiError('UNAUTHORIZED');
  const p: Principal = { kind, id: String(doc.id), role: doc.role as Role, regionCode: String(doc.regionCode) };
  if (typeof doc.departmentCode === 'string') p.departmentCode = doc.departmentCode;
  if (typeof doc.siteId === 'string') p.siteId = doc.siteId;
  return p;
}

export function isStaff(p: Principal): boolean {
  return p.kind === 'user' && p.role !== 'kiosk';
}
