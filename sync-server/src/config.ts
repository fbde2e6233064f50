import { z } from 'zod';

const flag = z.union([z.boolean(), z.enum(['0', '1', 'true', 'false', ''])])
  .transform((v) => v === true || v === '1' || v === 'true');
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

/** Everything the server reads from its environment, validated once at start-up. */
export const ServerConfig = z.object({
  PORT: int(7070, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** A PostgreSQL server; without it the server runs PGlite in DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  DATA_DIR: z.string().min(1).default('./.data/sync-server'),
  BLOB_DIR: z.string().min(1).optional(),
  DEMO: flag.default(false),
  /** Largest JSON body (bytes). */
  BODY_LIMIT: int(1_048_576, 1024, 64 * 1_048_576),
  /** Largest blob (bytes). */
  BLOB_LIMIT: int(10 * 1_048_576, 1024, 256 * 1_048_576),
  /** Requests per principal (device or user; IP before sign-in) per minute. */
  RATE_LIMIT_PER_MINUTE: int(1200, 1, 1_000_000),
  /** Case events that may wait for the database at once; a push beyond it is answered 503 BUSY
   *  (with Retry-After) instead of holding its parsed body in memory. */
  PUSH_QUEUE_EVENTS: int(20_000, 1, 1_000_000),
  HEARTBEAT_MS: int(15_000, 50, 600_000),
  TOKEN_TTL_HOURS: int(12, 1, 24 * 365),
  ENROLL_CODE_TTL_MINUTES: int(24 * 60, 1, 60 * 24 * 30),
  LOGIN_MAX_FAILURES: int(5, 1, 100),
  LOGIN_LOCK_MINUTES: int(15, 1, 24 * 60),
  /** scrypt cost (N = 2^SCRYPT_LOG_N); tests lower it to keep the suite fast. */
  SCRYPT_LOG_N: int(15, 10, 20),
  PG_POOL_SIZE: int(10, 1, 200),
  /** Browser origins allowed to call the API (comma-separated, exact). Clients authenticate with
   *  bearer tokens, never cookies, so this only opens the door for our own web apps. */
  CORS_ORIGINS: z.string().max(4000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServerConfig = z.infer<typeof ServerConfig>;
export type ServerConfigInput = z.input<typeof ServerConfig>;

/** The kiosk's Electron origin always; in demo mode also the web-mode kiosk and desk on this machine. */
export function corsOrigins(config: ServerConfig): string[] {
  if (config.CORS_ORIGINS !== undefined) return config.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  const demo = config.DEMO ? [7080, 7090].flatMap((port) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) : [];
  return ['onetrip://app', ...demo];
}

/** Parses a config (usually `process.env`); throws one readable error listing every bad key. */
export function loadConfig(source: Record<string, unknown>): ServerConfig {
  const picked = Object.fromEntries(Object.keys(ServerConfig.shape).map((k) => [k, source[k]]).filter(([, v]) => v !== undefined));
  const parsed = ServerConfig.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置无效 / invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** The config as it may be logged: passwords in DATABASE_URL are masked. */
export function maskConfig(config: ServerConfig): Record<string, unknown> {
  return { ...config, DATABASE_URL: config.DATABASE_URL ? maskUrl(config.DATABASE_URL) : undefined };
}

export function maskUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '***';
  }
}
