import type { FastifyRequest } from 'fastify';
import { apiError } from './errors';

/** The replication protocol this server speaks, and the oldest client it still serves. */
export const PROTOCOL_VERSION = 1;
export const MIN_CLIENT_PROTOCOL = 1;
export const PROTOCOL_HEADER = 'x-onetrip-protocol';

/**
 * Clients send their protocol version in the `x-onetrip-protocol` header (or, for an
 * EventSource that cannot set headers, the `protocol` query parameter). A missing or older
 * version gets 426 with a message a person can act on.
 */
export function checkProtocol(req: FastifyRequest): void {
  const header = req.headers[PROTOCOL_HEADER];
  const query = (req.query as Record<string, unknown> | undefined)?.protocol;
  const raw = (Array.isArray(header) ? header[0] : header) ?? (typeof query === 'string' ? query : undefined);
  const version = raw !== undefined && /^\d{1,6}$/.test(raw) ? Number(raw) : 0;
  if (version < MIN_CLIENT_PROTOCOL) throw apiError('PROTOCOL_TOO_OLD', { serverProtocol: PROTOCOL_VERSION, minClientProtocol: MIN_CLIENT_PROTOCOL });
}
