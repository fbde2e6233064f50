import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { PROTOCOL_VERSION, MIN_CLIENT_PROTOCOL } from '../protocol';
import { apiError } from '../errors';

export async function healthRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.get('/healthz', { config: { rateLimit: false } }, async (_req, reply) => {
    if (ctx.closing) return reply.status(503).send(apiError('UNAVAILABLE').toTransferable());
    await ctx.db.query('SELECT 1');
    return { status: 'ok', engine: ctx.db.engine, protocol: PROTOCOL_VERSION, minClientProtocol: MIN_CLIENT_PROTOCOL, liveStreams: ctx.hub.size };
  });
  app.get('/metrics', { config: { rateLimit: false } }, async (_req, reply) => {
    ctx.metrics.liveStreams.set(ctx.hub.size);
    return reply.type(ctx.metrics.registry.contentType).send(await ctx.metrics.registry.metrics());
  });
}
