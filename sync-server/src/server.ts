import Fastify, { type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import { join, resolve } from 'node:path';
import { corsOrigins, loadConfig, maskConfig, type ServerConfig, type ServerConfigInput } from './config';
import { PROTOCOL_HEADER } from './protocol';
import type { Db } from './storage/db';
import { openPglite } from './storage/pglite-db';
import { openPostgres } from './storage/postgres-db';
import { migrate } from './storage/migrations';
import { EmbeddedMaintenance } from './storage/maintenance';
import { createMetrics } from './metrics';
import { StreamHub } from './replication/stream-hub';
import { ReadAuditor } from './audit/read-audit';
import { PullPrefetch } from './replication/prefetch';
import type { ServerContext } from './context';
import { errorHandler } from './http-errors';
import { apiError } from './errors';
import { principalForToken } from './auth/principal';
import { registerRoutes } from './routes';
import { seedDemo, type DemoSeed } from './demo/seed';

export interface StartOptions {
  /** Use this database instead of opening one from the config (tests share one PGlite). */
  db?: Db;
  /** Injected clock (tests). */
  now?: () => Date;
}

export interface RunningServer {
  url: string;
  apiUrl: string;
  port: number;
  config: ServerConfig;
  db: Db;
  app: FastifyInstance;
  demo: DemoSeed | null;
  close(): Promise<void>;
}

/** What a request log line shows: never the Authorization header, never a query-string token. */
function logRequest(req: { method: string; url: string; ip?: string }) {
  return { method: req.method, url: req.url.replace(/access_token=[^&]*/g, 'access_token=***'), remoteAddress: req.ip };
}

export async function openDatabase(config: ServerConfig): Promise<Db> {
  return config.DATABASE_URL ? openPostgres(config.DATABASE_URL, config.PG_POOL_SIZE) : openPglite(resolve(config.DATA_DIR));
}

/** Starts one server instance: opens (or takes) the database, migrates, seeds demo data if asked, listens. */
export async function startServer(input: ServerConfigInput | ServerConfig = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig(input as Record<string, unknown>);
  const db = options.db ?? (await openDatabase(config));
  const app = Fastify({
    logger: config.LOG_LEVEL === 'silent' ? false : { level: config.LOG_LEVEL, serializers: { req: logRequest } },
    bodyLimit: config.BODY_LIMIT,
    return503OnClosing: true,
  });
  try {
    app.log.info({ config: maskConfig(config), engine: db.engine }, 'sync-server starting');
    await migrate(db);
    const hub = new StreamHub(db);
    await hub.start();
    const metrics = createMetrics();
    const now = options.now ?? (() => new Date());
    const ctx: ServerContext = {
      config, db, hub, metrics, log: app.log, now, closing: false, readAudit: new ReadAuditor(db, metrics, now), prefetch: new PullPrefetch(),
      blobDir: resolve(config.BLOB_DIR ?? join(config.DATA_DIR, 'blobs')),
      // PGlite has no autovacuum; a PostgreSQL server's analyzes a bulk load up to a minute late
      maintenance: new EmbeddedMaintenance(db, app.log, undefined, undefined, db.engine === 'pglite'),
    };
    await configureApp(app, ctx);
    const demo = config.DEMO ? await seedDemo(ctx) : null;
    await app.listen({ port: config.PORT, host: config.HOST });
    ctx.maintenance?.start();
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
    let closed: Promise<void> | undefined;
    const close = () => (closed ??= (async () => {
      ctx.closing = true;
      await hub.drain();
      await app.close();
      await ctx.maintenance?.stop();
      if (!options.db) await db.close();
    })());
    return { url, apiUrl: `${url}/api/v1`, port, config, db, app, demo, close };
  } catch (err) {
    await app.close().catch(() => undefined);
    if (!options.db) await db.close().catch(() => undefined);
    throw err;
  }
}

async function configureApp(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.decorateRequest('principal', null);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_req, reply) => { void reply.status(404).send(apiError('NOT_FOUND').toTransferable()); });
  app.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    // Only the SSE stream takes its token from the query (EventSource cannot send headers).
    const query = req.url.includes('/pull-stream') ? (req.query as Record<string, unknown>).access_token : undefined;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : typeof query === 'string' ? query : undefined;
    if (token) req.principal = await principalForToken(ctx.db, token);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    ctx.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });
  await app.register(cors, {
    origin: corsOrigins(ctx.config),
    methods: ['GET', 'HEAD', 'POST', 'PUT'],
    allowedHeaders: ['authorization', 'content-type', PROTOCOL_HEADER, 'last-event-id'],
    maxAge: 600,
  });
  await app.register(rateLimit, {
    hook: 'preHandler',
    max: ctx.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.principal ? `${req.principal.kind}:${req.principal.id}` : `ip:${req.ip}`),
    errorResponseBuilder: () => apiError('RATE_LIMITED'),
  });
  await registerRoutes(app, ctx);
}
