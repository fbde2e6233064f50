import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { ApiError, apiError } from './errors';

/** Maps anything thrown in a route to `{code, message:{zh,en}}` with a stable code. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return apiError('BAD_REQUEST', { issues: err.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })) });
  const fe = err as Partial<FastifyError>;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return apiError('BODY_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return apiError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY': return apiError('BAD_JSON');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return apiError('BAD_REQUEST');
    default: break;
  }
  if (err instanceof SyntaxError || (fe.statusCode === 400 && /JSON/i.test(fe.message ?? ''))) return apiError('BAD_JSON');
  if (fe.statusCode === 429) return apiError('RATE_LIMITED');
  if (fe.statusCode === 404) return apiError('NOT_FOUND');
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return apiError('BAD_REQUEST');
  return apiError('INTERNAL');
}

export function errorHandler(err: unknown, req: FastifyRequest, reply: FastifyReply): void {
  const api = toApiError(err);
  if (api.status >= 500) req.log.error({ err }, 'request failed');
  else req.log.info({ code: api.code, status: api.status }, 'request refused');
  if (api.code === 'PROTOCOL_TOO_OLD') reply.header('upgrade', `onetrip-protocol/${String(api.extra?.serverProtocol ?? '')}`);
  if (typeof api.extra?.retryAfterSeconds === 'number') reply.header('retry-after', String(api.extra.retryAfterSeconds));
  void reply.status(api.status).send(api.toTransferable());
}
