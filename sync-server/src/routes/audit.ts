import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { requireAdmin, requirePrincipal } from '../context';
import { apiError } from '../errors';
import { audit, verifyAuditChain } from '../audit/audit-log';
import { Params, caseScopeSql } from '../replication/scope';

const RevealBody = z.object({
  caseId: z.string().min(1).max(64),
  /** Why the desk unmasks the applicant (shown in the audit trail). */
  reason: z.string().trim().min(1).max(200),
});

export async function auditRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  /** A desk unmasks an applicant: allowed for staff who see the case, always audited. */
  app.post('/audit/reveal', async (req) => {
    const who = requirePrincipal(req);
    if (who.kind !== 'user') throw apiError('FORBIDDEN');
    const body = RevealBody.parse(req.body);
    const p = new Params();
    const sql = `SELECT c.state->'applicant' AS applicant, c.region_code FROM cases c WHERE c.case_id = ${p.add(body.caseId)} AND (${caseScopeSql(who)(p)})`;
    const [row] = await ctx.db.query<{ applicant: Record<string, unknown>; region_code: string }>(sql, p.values);
    if (!row) throw apiError('OUT_OF_SCOPE');
    const entry = await audit(ctx.db, { actor: who, action: 'reveal', regionCode: row.region_code, target: body.caseId, details: { reason: body.reason } }, ctx.now());
    ctx.metrics.auditEntries.inc({ action: 'reveal' });
    return { caseId: body.caseId, applicant: row.applicant, auditId: entry.id };
  });

  app.get('/audit/verify', async (req) => {
    requireAdmin(req);
    return verifyAuditChain(ctx.db);
  });
}
