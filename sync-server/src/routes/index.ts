import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { healthRoutes } from './health';
import { authRoutes } from './auth';
import { deviceRoutes } from './devices';
import { replicationRoutes } from './replication';
import { streamRoutes } from './stream';
import { blobRoutes } from './blobs';
import { auditRoutes } from './audit';
import { kioskLookupRoutes } from './kiosk-lookup';

export const API_PREFIX = '/api/v1';

export async function registerRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await app.register(async (root) => healthRoutes(root, ctx));
  await app.register(async (api) => {
    await healthRoutes(api, ctx);
    await authRoutes(api, ctx);
    await deviceRoutes(api, ctx);
    await replicationRoutes(api, ctx);
    await streamRoutes(api, ctx);
    await auditRoutes(api, ctx);
    await kioskLookupRoutes(api, ctx);
    await api.register(async (blobs) => blobRoutes(blobs, ctx));
  }, { prefix: API_PREFIX });
}
