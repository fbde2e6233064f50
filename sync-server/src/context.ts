import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { ServerConfig } from './config';
import type { Db } from './storage/db';
import type { Metrics } from './metrics';
import type { StreamHub } from './replication/stream-hub';
import type { Principal } from './auth/principal';
import type { ReadAuditor } from './audit/read-audit';
import type { PullPrefetch } from './replication/prefetch';
import type { EmbeddedMaintenance } from './storage/maintenance';
import { apiError } from './errors';

/** What every route needs, built once in server.ts. */
export interface ServerContext {
  config: ServerConfig;
  db: Db;
  metrics: Metrics;
  hub: StreamHub;
  /** Group-committed audit of staff reads of personal data. */
  readAudit: ReadAuditor;
  /** Read-ahead of the next page of checkpointed pulls. */
  prefetch: PullPrefetch;
  /** Planner statistics soon after a burst of writes; vacuum too on PGlite, which has no autovacuum. */
  maintenance?: EmbeddedMaintenance;
  blobDir: string;
  log: FastifyBaseLogger;
  now(): Date;
  /** True once close() began: new streams are refused. */
  closing: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export function requirePrincipal(req: FastifyRequest): Principal {
  if (!req.principal) throw apiError('UNAUTHORIZED');
  return req.principal;
}

export function requireAdmin(req: FastifyRequest): Principal {
  const who = requirePrincipal(req);
  if (who.role !== 'admin') throw apiError('FORBIDDEN');
  return who;
}
