import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { requireAdmin } from '../context';
import { EnrollBody, EnrollCodeBody, createEnrollCode, enroll, revokeDevice } from '../auth/devices';

export async function deviceRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/devices/enroll', async (req) => enroll(ctx, EnrollBody.parse(req.body)));
  app.post('/devices/enrollment-codes', async (req) => createEnrollCode(ctx, requireAdmin(req), EnrollCodeBody.parse(req.body)));
  app.post<{ Params: { id: string } }>('/devices/:id/revoke', async (req) => revokeDevice(ctx, requireAdmin(req), req.params.id));
}
