import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ServerContext } from '../context';
import { requirePrincipal } from '../context';
import { apiError, type ApiError } from '../errors';
import { checkProtocol } from '../protocol';
import { parseCollection, type CollectionName } from '../replication/collections';
import { servePull } from '../replication/serve';
import { headSeq, type Checkpoint } from '../replication/pull';
import type { Principal } from '../auth/principal';
import { principalForToken } from '../auth/principal';
import { PullQuery, checkpointOf } from './replication';
import { toApiError } from '../http-errors';

const BATCH = 200;

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
    openStream(ctx, reply, { collection, who, token, checkpoint: start, resyncFirst: given === null });
  });
}

interface StreamState { collection: CollectionName; who: Principal; token: string; checkpoint: Checkpoint; resyncFirst: boolean }

function openStream(ctx: ServerContext, reply: FastifyReply, s: StreamState): void {
  const raw = reply.raw;
  let ended = false;
  let pumping = false;
  let dirty = true;
  const send = (data: unknown, event?: string) => { if (!ended) raw.write(`${event ? `event: ${event}\n` : ''}data: ${JSON.stringify(data)}\n\n`); };
  const end = (err?: ApiError) => {
    if (ended) return;
    if (err) send(err.toTransferable(), 'error');
    ended = true;
    clearInterval(heartbeat);
    remove();
    raw.end();
  };
  const pump = async () => {
    if (pumping || ended) return;
    pumping = true;
    try {
      while (dirty && !ended) {
        dirty = false;
        const res = await servePull(ctx, s.collection, s.who, s.checkpoint, BATCH);
        if (res.documents.length > 0 && res.checkpoint) { s.checkpoint = res.checkpoint; send(res); }
        if (res.documents.length === BATCH) dirty = true;
      }
    } catch (err) {
      ctx.log.warn({ err }, 'live stream pull failed; asking the client to resync');
      send('RESYNC');
    } finally {
      pumping = false;
    }
  };
  const heartbeat = setInterval(() => {
    // Re-checks the token too, so a revocation whose NOTIFY was lost still closes the stream.
    principalForToken(ctx.db, s.token).then(() => { if (!ended) raw.write(': heartbeat\n\n'); }, (err) => end(toApiError(err)));
  }, ctx.config.HEARTBEAT_MS);
  const remove = ctx.hub.add({
    collection: s.collection,
    principalId: s.who.id,
    wake: () => { dirty = true; void pump(); },
    resync: () => send('RESYNC'),
    end: (reason) => end(reason === 'revoked' ? apiError('DEVICE_REVOKED') : apiError('UNAVAILABLE')),
  });
  raw.on('close', () => end());
  if (s.resyncFirst) send('RESYNC');
  void pump();
}
