// The agent's wire protocol, shared by the WebSocket face, the Electron IPC face and the
// browser client. Every message is JSON, validated with zod in both directions, and bounded.
//   request  { id, method, params }
//   response { id, result } | { id, error: { code, message: { zh, en } } }
//   event    { event, data }
import { z } from 'zod';
import { AgentError } from './errors';
import { Identity } from '../idcard/identity';
import { DeviceHealth, HealthReport, ScanEvent } from './health';

/** Largest message either side accepts, in bytes (a receipt document is a few KiB). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
export const PROTOCOL = 'onetrip-agent.v1';
/** Sec-WebSocket-Protocol entry that carries the token: `onetrip-token.<token>`. */
export const TOKEN_PROTOCOL_PREFIX = 'onetrip-token.';

/** WebSocket close codes (4000–4999 are for applications). */
export const CLOSE_CODES = { badToken: 4401, authTimeout: 4408, tooLarge: 1009, shutdown: 1001 } as const;

const Empty = z.object({}).strict();
const RequestId = z.union([z.string().min(1).max(64), z.number().int().nonnegative()]);

/** A card was read. Personal data: the agent keeps no copy, it only forwards the event. */
export const CardEvent = z.object({
  readerId: z.string().max(64),
  identity: Identity,
  at: z.string().max(40),
});
export type CardEvent = z.infer<typeof CardEvent>;

export const PrinterStatusView = z.object({
  printerId: z.string().max(64),
  ok: z.boolean(),
  paper: z.enum(['ok', 'nearEnd', 'out', 'unknown']),
  coverOpen: z.boolean(),
  offline: z.boolean(),
  error: AgentError.optional(),
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const PrintParams = z.object({
  /** A receipt document (caseReceipt, oneTimeNotice, queueTicket); the printer driver validates it. */
  document: z.record(z.string().max(64), z.unknown()),
}).strict();
export type PrintParams = z.infer<typeof PrintParams>;

export const PrintOutcome = z.object({
  jobId: z.string().max(128),
  state: z.enum(['printed', 'queued']),
  error: AgentError.optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;

export const PrintedReceipt = z.object({
  jobId: z.string().max(128).optional(), text: z.string().max(MAX_MESSAGE_BYTES), bytes: z.number().int(),
  /** The QR codes' stored data, decoded as text, in print order (a receipt's lookup code). */
  qrCodes: z.array(z.string().max(2000)).max(50).optional(),
});
export type PrintedReceipt = z.infer<typeof PrintedReceipt>;

/** Every method: its params and result schemas. Demo methods answer NOT_DEMO outside demo mode. */
export const METHODS = {
  health: { params: Empty, result: HealthReport },
  printerStatus: { params: Empty, result: PrinterStatusView },
  print: { params: PrintParams, result: PrintOutcome },
  demoPlaceCard: { params: z.object({ card: z.number().int().min(0).max(99).optional() }).strict(), result: z.null() },
  demoLiftCard: { params: Empty, result: z.null() },
  demoSetPrinter: {
    params: z.object({ paper: z.enum(['ok', 'nearEnd', 'out']).optional(), coverOpen: z.boolean().optional() }).strict(),
    result: z.null(),
  },
  demoScan: { params: z.object({ code: z.string().min(1).max(1024), scannerId: z.string().max(64).optional() }).strict(), result: z.null() },
  demoPrinted: { params: Empty, result: z.array(PrintedReceipt).max(20) },
} as const;

export type MethodName = keyof typeof METHODS;
export type Params<M extends MethodName> = z.infer<(typeof METHODS)[M]['params']>;
export type Result<M extends MethodName> = z.infer<(typeof METHODS)[M]['result']>;
export const METHOD_NAMES = Object.keys(METHODS) as MethodName[];

export const AgentRequest = z.object({
  id: RequestId,
  method: z.string().min(1).max(64),
  params: z.unknown().optional(),
}).strict();
export type AgentRequest = z.infer<typeof AgentRequest>;

export const AgentResponse = z.union([
  z.object({ id: RequestId.nullable(), result: z.unknown() }).strict(),
  z.object({ id: RequestId.nullable(), error: AgentError }).strict(),
]);
export type AgentResponse = z.infer<typeof AgentResponse>;

export const AgentEvent = z.discriminatedUnion('event', [
  z.object({ event: z.literal('card'), data: CardEvent }),
  z.object({ event: z.literal('cardRemoved'), data: z.object({ readerId: z.string().max(64) }) }),
  z.object({ event: z.literal('scan'), data: ScanEvent }),
  z.object({ event: z.literal('health'), data: DeviceHealth }),
  z.object({ event: z.literal('printerStatus'), data: PrinterStatusView }),
]);
export type AgentEvent = z.infer<typeof AgentEvent>;

/** First message a client may send instead of putting the token in the subprotocol or query. */
export const AuthMessage = z.object({ auth: z.string().min(16).max(128) }).strict();

/** Anything the agent sends: a response, an event, or the `ready` greeting after auth. */
export const ServerMessage = z.union([AgentResponse, AgentEvent, z.object({ ready: z.literal(true), protocol: z.literal(PROTOCOL) }).strict()]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** UTF-8 length without TextEncoder (not in this layer's lib): counts code units by range. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { n += 4; i++; } else n += 3;
  }
  return n;
}
