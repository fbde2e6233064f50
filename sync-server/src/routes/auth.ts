import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context';
import { requireAdmin, requirePrincipal } from '../context';
import { apiError } from '../errors';
import { LoginBody, findUserDoc, login, setPassword } from '../auth/login';
import { sha256Hex } from '../auth/tokens';
import { appendAudit } from '../audit/audit-log';

const PasswordBody = z.object({ password: z.string().min(8).max(256) });

export async function authRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  app.post('/auth/login', async (req) => login(ctx, LoginBody.parse(req.body)));

  app.post('/auth/logout', async (req) => {
    requirePrincipal(req);
    const token = req.headers.authorization?.slice(7).trim() ?? '';
    await ctx.db.query('UPDATE tokens SET revoked_at = now() WHERE token_hash = $1', [sha256Hex(token)]);
    return { ok: true };
  });

  app.get('/auth/me', async (req) => ({ principal: requirePrincipal(req) }));

  app.put<{ Params: { id: string } }>('/users/:id/password', async (req) => {
    const who = requireAdmin(req);
    const { password } = PasswordBody.parse(req.body);
    const user = await findUserDoc(ctx.db, req.params.id);
    if (!user || typeof user.username !== 'string') throw apiError('NOT_FOUND');
    await ctx.db.transaction(async (tx) => {
      await setPassword(ctx, tx, { id: String(user.id), username: user.username as string, regionCode: String(user.regionCode) }, password);
      await appendAudit(tx, { actor: who, action: 'passwordSet', regionCode: String(user.regionCode), target: String(user.id) }, ctx.now());
    });
    return { ok: true };
  });
}
