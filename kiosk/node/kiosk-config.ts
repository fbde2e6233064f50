// The kiosk's configuration, validated once at start-up (STYLE.md). Every value has a default
// that works on one machine with `npm start`; a real kiosk sets them in its environment.
import { z } from 'zod';

const Bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

export const KioskConfig = z.object({
  ONETRIP_SERVER_URL: z.url().default('http://127.0.0.1:7070'),
  ONETRIP_AGENT_URL: z.string().regex(/^wss?:\/\//).default('ws://127.0.0.1:7071/agent'),
  ONETRIP_AGENT_TOKEN_FILE: z.string().max(4096).optional(),
  ONETRIP_KIOSK_HOST: z.string().default('127.0.0.1'),
  ONETRIP_KIOSK_PORT: z.coerce.number().int().min(0).max(65535).default(7080),
  ONETRIP_KIOSK_WEB: Bool.default(false),
  ONETRIP_KIOSK_DEVTOOLS: Bool.default(false),
  ONETRIP_KIOSK_START_AT_BOOT: Bool.default(true),
  ONETRIP_SITE_ID: z.string().max(64).default('demo-site'),
  ONETRIP_SITE_NAME_ZH: z.string().max(60).default('演示便民服务中心'),
  ONETRIP_SITE_NAME_EN: z.string().max(120).default('Demo service centre'),
  ONETRIP_SITE_PHONE: z.string().max(30).default('0731-00000000'),
  ONETRIP_IDLE_WARN_S: z.coerce.number().int().min(5).max(3600).default(60),
  ONETRIP_MAINTENANCE_PIN: z.string().regex(/^\d{4,12}$/).optional(),
  ONETRIP_IDLE_WIPE_S: z.coerce.number().int().min(10).max(3600).default(90),
}).refine((c) => c.ONETRIP_IDLE_WIPE_S > c.ONETRIP_IDLE_WARN_S, { message: 'ONETRIP_IDLE_WIPE_S must exceed ONETRIP_IDLE_WARN_S' });

/** The maintenance PIN of demo kiosks (`npm start`); printed at start and listed in the README. */
export const DEMO_MAINTENANCE_PIN = '2580';

export interface LoadedKioskConfig {
  serverUrl: string;
  agentUrl: string;
  agentTokenFile: string | undefined;
  host: string;
  port: number;
  webOnly: boolean;
  devTools: boolean;
  startAtBoot: boolean;
  site: { id: string; name: { zh: string; en: string }; phone: string };
  idle: { warnAfterMs: number; wipeAfterMs: number };
  maintenancePin: string | undefined;
  watchdog: { pingEveryMs: number; hangMs: number; maxRestarts: number; windowMs: number };
}

export function loadKioskConfig(env: Record<string, string | undefined>): LoadedKioskConfig {
  const parsed = KioskConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'config'}: ${i.message}`);
    throw new Error(`自助终端配置有误 / invalid kiosk configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    serverUrl: c.ONETRIP_SERVER_URL.replace(/\/$/, ''),
    agentUrl: c.ONETRIP_AGENT_URL,
    agentTokenFile: c.ONETRIP_AGENT_TOKEN_FILE,
    host: c.ONETRIP_KIOSK_HOST,
    port: c.ONETRIP_KIOSK_PORT,
    webOnly: c.ONETRIP_KIOSK_WEB,
    devTools: c.ONETRIP_KIOSK_DEVTOOLS,
    startAtBoot: c.ONETRIP_KIOSK_START_AT_BOOT,
    site: { id: c.ONETRIP_SITE_ID, name: { zh: c.ONETRIP_SITE_NAME_ZH, en: c.ONETRIP_SITE_NAME_EN }, phone: c.ONETRIP_SITE_PHONE },
    idle: { warnAfterMs: c.ONETRIP_IDLE_WARN_S * 1000, wipeAfterMs: c.ONETRIP_IDLE_WIPE_S * 1000 },
    // Demo mode only: a known PIN so a tester can open maintenance; a real kiosk sets its own or has none.
    maintenancePin: c.ONETRIP_MAINTENANCE_PIN ?? (env.DEMO === '1' ? DEMO_MAINTENANCE_PIN : undefined),
    watchdog: { pingEveryMs: 5000, hangMs: 20_000, maxRestarts: 3, windowMs: 10 * 60_000 },
  };
}
