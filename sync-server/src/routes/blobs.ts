import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { requirePrincipal } from '../context';
import { apiError } from '../errors';
import { SHA256_HEX, blobExists, putBlob, readBlob, sha256Of } from '../blobs/blob-store';
import { Params, caseScopeSql } from '../replication/scope';
import type { Principal } from '../auth/principal';
import { audit } from '../audit/audit-log';
import { parseContentRange, putPiece, receivedBytes } from '../blobs/resumable';

const BLOB_TYPES = ['application/octet-stream', 'image/jpeg', 'image/png', 'image/webp', 'application/pdf'];

/** Blob routes live in their own plugin scope, so only here is a raw body accepted. */
export async function blobRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.addContentTypeParser(BLOB_TYPES, { parseAs: 'buffer', bodyLimit: ctx.config.BLOB_LIMIT }, (_req, body, done) => done(null, body));

  app.put<{ Params: { sha256: string } }>('/blobs/:sha256', { bodyLimit: ctx.config.BLOB_LIMIT }, async (req, reply) => {
    const who = requirePrincipal(req);
    const sha = req.params.sha256;
    if (!SHA256_HEX.test(sha)) throw apiError('BAD_REQUEST', { reason: 'the path must be a lower-case hex SHA-256' });
    if (!Buffer.isBuffer(req.body)) throw apiError('UNSUPPORTED_MEDIA_TYPE');
    if (req.body.length === 0) throw apiError('BAD_REQUEST', { reason: 'empty blob' });
    const range = parseContentRange(req.headers['content-range']);
    if (range) {
      const held = await putPiece(ctx.blobDir, sha, range, req.body, ctx.config.BLOB_LIMIT);
      if (held.complete) await recordBlob(ctx, who, sha, held.received);
      return reply.status(held.complete ? 201 : 202).send({ sha256: sha, ...held });
    }
    if (sha256Of(req.body) !== sha) throw apiError('HASH_MISMATCH');
    const created = await putBlob(ctx.blobDir, sha, req.body);
    await recordBlob(ctx, who, sha, req.body.length);
    return reply.status(created ? 201 : 200).send({ sha256: sha, size: req.body.length });
  });

  /** Where an interrupted resumable upload stopped (only its uploader may ask). */
  app.get<{ Params: { sha256: string } }>('/blobs/:sha256/upload', async (req) => {
    requirePrincipal(req);
    if (!SHA256_HEX.test(req.params.sha256)) throw apiError('NOT_FOUND');
    return { sha256: req.params.sha256, ...(await receivedBytes(ctx.blobDir, req.params.sha256)) };
  });

  app.get<{ Params: { sha256: string } }>('/blobs/:sha256', async (req, reply) => {
    const who = requirePrincipal(req);
    const sha = req.params.sha256;
    if (!SHA256_HEX.test(sha)) throw apiError('NOT_FOUND');
    if (!(await mayRead(ctx, who, sha))) throw apiError('OUT_OF_SCOPE');
    if (!(await blobExists(ctx.blobDir, sha))) throw apiError('NOT_FOUND');
    if (who.kind === 'user') {
      await audit(ctx.db, { actor: who, action: 'blobRead', regionCode: who.regionCode, target: sha }, ctx.now());
      ctx.metrics.auditEntries.inc({ action: 'blobRead' });
    }
    return reply.type('application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable').send(readBlob(ctx.blobDir, sha));
  });
}

async function recordBlob(ctx: ServerContext, who: Principal, sha: string, size: number): Promise<void> {
  await ctx.db.query('INSERT INTO blobs (sha256, region_code, size, uploaded_by) VALUES ($1, $2, $3, $4) ON CONFLICT (sha256) DO NOTHING',
    [sha, who.regionCode, size, who.id]);
}

/** The uploader, an administrator, or anyone who sees a case that references the blob. */
async function mayRead(ctx: ServerContext, who: Principal, sha: string): Promise<boolean> {
  if (who.role === 'admin') return true;
  const p = new Params();
  const shaParam = p.add(sha);
  const rows = await ctx.db.query(
    `SELECT 1 FROM blobs b WHERE b.sha256 = ${shaParam} AND b.uploaded_by = ${p.add(who.id)}
     UNION ALL
     SELECT 1 FROM docs d JOIN cases c ON c.case_id = d.case_id AND c.region_code = d.region_code
      WHERE d.collection = 'caseEvents' AND d.blobs @> ARRAY[${shaParam}]::text[] AND d.blobs IS NOT NULL
        AND (${caseScopeSql(who)(p)}) LIMIT 1`, p.values);
  return rows.length > 0;
}
