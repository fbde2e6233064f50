import type { FastifyInstance } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ServerContext } from '../context';
import { requirePrincipal } from '../context';
import { apiError } from '../errors';
import { checkProtocol } from '../protocol';
import { parseCollection } from '../replication/collections';
import { headSeq, type Checkpoint } from '../replication/pull';
import { PullQuery, checkpointOf } from './replication';
import { LiveStreamConnection } from '../replication/live-stream';

/**
 * `GET /replication/:collection/pull-stream`: Server-Sent Events. Each `data:` line is either
 * `{documents, checkpoint}` (changes after the stream's own checkpoint, in the caller's scope)
 * or the string "RESYNC" (the client should run a checkpointed pull: sent first when the
 * client gave no checkpoint, and whenever notifications may have been lost). A comment line
 * `: heartbeat` keeps proxies from closing an idle stream. A revoked device's stream gets an
 * `event: error` with DEVICE_REVOKED and is closed at once.
 */
export async function streamRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get<{ Params: { collection: string } }>('/replication/:collection/pull-stream', { config: { rateLimit: false } }, async (req, reply) => {
    checkProtocol(req);
    const who = requirePrincipal(req);
    const collection = parseCollection(req.params.collection);
    const q = PullQuery.parse(req.query);
    if (ctx.closing) throw apiError('UNAVAILABLE');
    const token = req.headers.authorization?.slice(7).trim() ?? String((req.query as Record<string, unknown>).access_token ?? '');
    const given = checkpointOf(q);
    const start: Checkpoint = given ?? { id: '', updatedAt: await headSeq(ctx.db, collection) };
    reply.hijack();
    // A hijacked reply skips Fastify's header handling: carry over what hooks set (CORS).
    reply.raw.writeHead(200, { ...(reply.getHeaders() as OutgoingHttpHeaders), 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    reply.raw.write(': connected\n\n');
    new LiveStreamConnection(ctx, reply.raw, { collection, who, token, checkpoint: start, resyncFirst: given === null });
  });
}
