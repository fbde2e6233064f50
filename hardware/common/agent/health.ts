// Device health as the fleet view and the dev page see it.
import { z } from 'zod';
import { AgentError } from './errors';

export const DeviceKind = z.enum(['idcard', 'printer', 'scanner']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/** ok: working; degraded: answers but cannot do its job (paper out, cover open);
 *  missing: configured but not answering; simulated: a simulator stands in. */
export const DeviceState = z.enum(['ok', 'degraded', 'missing', 'simulated']);
export type DeviceState = z.infer<typeof DeviceState>;

export const PaperLevel = z.enum(['ok', 'low', 'out', 'unknown']);
export type PaperLevel = z.infer<typeof PaperLevel>;

export const DeviceHealth = z.object({
  id: z.string().max(64),
  kind: DeviceKind,
  state: DeviceState,
  simulated: z.boolean(),
  /** Where it is: a serial path, pty, tcp address or HID path. */
  port: z.string().max(256).optional(),
  lastError: AgentError.nullable(),
  /** ISO time of the last error. */
  lastErrorAt: z.string().max(40).nullable(),
  paper: PaperLevel.optional(),
});
export type DeviceHealth = z.infer<typeof DeviceHealth>;

export const HealthReport = z.object({
  demo: z.boolean(),
  startedAt: z.string().max(40),
  devices: z.array(DeviceHealth).max(32),
});
export type HealthReport = z.infer<typeof HealthReport>;

/** What a scanner reports. */
export const ScanEvent = z.object({
  scannerId: z.string().max(64),
  code: z.string().max(4096),
  /** AIM symbology id when the scanner says (HID POS), e.g. "]Q1" for QR. */
  symbology: z.string().max(8).optional(),
  at: z.string().max(40),
});
export type ScanEvent = z.infer<typeof ScanEvent>;
