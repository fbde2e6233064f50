import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { requirePrincipal } from '../context';
import { apiError } from '../errors';
import { checkProtocol } from '../protocol';
import { parseCollection } from '../replication/collections';
import { servePull } from '../replication/serve';
import { PushBody, pushDocs, validateRows } from '../replication/push';
import { pushCaseEvents, validateEvents } from '../replication/case-events';
import type { Checkpoint } from '../replication/pull';
import { pushAuditEntries, validateAuditEntries } from '../replication/audit-push';

export const PullQuery = z.object({
  updatedAt: z.coerce.number().int().min(0).optional(),
  id: z.string().max(128).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export function checkpointOf(q: { updatedAt?: number | undefined; id?: string | undefined }): Checkpoint | null {
  return q.updatedAt === undefined ? null : { updatedAt: q.updatedAt, id: q.id ?? '' };
}

type Params = { Params: { collection: string } };

export async function replicationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<Params>('/replication/:collection/pull', async (req, reply) => {
    checkProtocol(req);
    const who = requirePrincipal(req);
    const collection = parseCollection(req.params.collection);
    const q = PullQuery.parse(req.query);
    const page = await servePull(ctx, collection, who, checkpointOf(q), q.limit);
    // The page is JSON text already (documents spliced as the database stored them), sent in
    // pieces (PullPage.chunks: no 1.4 MB string per page left for the full collection to find).
    return reply.type('application/json; charset=utf-8').send(Readable.from(page.chunks()));
  });

  app.post<Params>('/replication/:collection/push', async (req) => {
    checkProtocol(req);
    const who = requirePrincipal(req);
    const collection = parseCollection(req.params.collection);
    if (collection === 'cases') throw apiError('READ_ONLY', { collection });
    const rows = PushBody.parse(req.body);
    ctx.metrics.pushed.inc({ collection }, rows.length);
    let conflicts;
    if (collection === 'caseEvents') conflicts = await pushCaseEvents(ctx, who, validateEvents(who, rows));
    else if (collection === 'auditLog') {
      const entries = validateAuditEntries(who, rows);
      conflicts = await ctx.db.transaction((tx) => pushAuditEntries(tx, entries));
    } else {
      const valid = validateRows(collection, rows);
      conflicts = await ctx.db.transaction((tx) => pushDocs(tx, collection, who, valid));
    }
    ctx.metrics.conflicts.inc({ collection }, conflicts.length);
    return conflicts;
  });
}
