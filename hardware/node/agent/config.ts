// The agent's configuration: which device is on which port. JSON, validated once at start-up
// (path from ONETRIP_HW_CONFIG); DEMO=1 and ONETRIP_HW_PORT override the file.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const Path = z.string().min(1).max(256);
const BaudRate = z.number().int().min(300).max(4_000_000);
const DeviceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/);

export const IdCardConfig = z.object({ id: DeviceId.default('idcard'), path: Path, baudRate: BaudRate.optional() }).strict();
export type IdCardConfig = z.infer<typeof IdCardConfig>;

export const PrinterConfig = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('serial'), id: DeviceId.default('printer'), path: Path, baudRate: BaudRate.optional() }).strict(),
  z.object({ transport: z.literal('tcp'), id: DeviceId.default('printer'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535).default(9100) }).strict(),
  z.object({ transport: z.literal('file'), id: DeviceId.default('printer'), path: Path }).strict(),
]);
export type PrinterConfig = z.infer<typeof PrinterConfig>;

export const ScannerConfig = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('serial'), id: DeviceId, path: Path, baudRate: BaudRate.optional(),
    suffix: z.enum(['crlf', 'cr', 'lf', 'tab']).default('crlf'), encoding: z.enum(['utf-8', 'gb18030', 'latin1']).default('utf-8'),
  }).strict(),
  z.object({
    mode: z.literal('hid'), id: DeviceId, path: Path.optional(),
    vendorId: z.number().int().min(0).max(0xffff).optional(), productId: z.number().int().min(0).max(0xffff).optional(),
  }).strict(),
]);
export type ScannerConfig = z.infer<typeof ScannerConfig>;

const LOOPBACK = ['127.0.0.1', '::1', 'localhost'];

export const AgentConfig = z.object({
  host: z.string().refine((h) => LOOPBACK.includes(h), { message: 'the agent only listens on loopback / 硬件服务只监听本机地址' }).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(7071),
  stateDir: Path.default(join(homedir(), '.local', 'state', 'onetrip-hw')),
  demo: z.boolean().default(false),
  /** Browser origins allowed to open the WebSocket besides loopback pages (which always may, see
   *  server.ts originAllowed), e.g. an Electron custom scheme. Exact matches only. */
  allowedOrigins: z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^\s/]+$/).max(200)).max(16).default([]),
  /** When a configured serial device is absent at start, let its simulator stand in (health says so). */
  simulateMissing: z.boolean().default(true),
  devices: z.object({
    idcard: IdCardConfig.optional(),
    printer: PrinterConfig.optional(),
    scanners: z.array(ScannerConfig).max(8).default([]),
  }).strict().default({ scanners: [] }),
}).strict();
export type AgentConfig = z.infer<typeof AgentConfig>;
export type AgentConfigInput = z.input<typeof AgentConfig>;

export class ConfigError extends Error {
  readonly code = 'HW_CONFIG_INVALID';
  constructor(detail: string) {
    super(`硬件配置无效，请检查配置文件 / The hardware configuration is invalid; check the file: ${detail}`);
  }
}

/** Parse HOST:PORT or PORT from ONETRIP_HW_PORT. */
export function parseListen(value: string): { host?: string; port: number } {
  const m = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(value.trim());
  if (!m) throw new ConfigError(`ONETRIP_HW_PORT=${value}`);
  return { host: m[1]?.replace(/^\[|\]$/g, ''), port: Number(m[2]) };
}

export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<AgentConfig> {
  let raw: Record<string, unknown> = {};
  if (env.ONETRIP_HW_CONFIG) {
    try {
      raw = JSON.parse(await readFile(env.ONETRIP_HW_CONFIG, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${env.ONETRIP_HW_CONFIG}: ${(err as Error).message}`);
    }
  }
  const overrides: Record<string, unknown> = {};
  if (env.DEMO === '1' || env.DEMO === 'true') overrides.demo = true;
  if (env.ONETRIP_HW_PORT) Object.assign(overrides, Object.fromEntries(Object.entries(parseListen(env.ONETRIP_HW_PORT)).filter(([, v]) => v !== undefined)));
  if (env.ONETRIP_HW_STATE_DIR) overrides.stateDir = env.ONETRIP_HW_STATE_DIR;
  if (env.ONETRIP_HW_ALLOWED_ORIGINS) overrides.allowedOrigins = env.ONETRIP_HW_ALLOWED_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  // The demo kiosk's web-mode page (kiosk/node, 127.0.0.1:7080) talks to the agent from its own origin.
  else if ((overrides.demo || raw.demo === true) && raw.allowedOrigins === undefined) overrides.allowedOrigins = ['http://127.0.0.1:7080', 'http://localhost:7080'];
  const parsed = AgentConfig.safeParse({ ...raw, ...overrides });
  if (!parsed.success) throw new ConfigError(z.prettifyError(parsed.error));
  return parsed.data;
}
