// The kiosk's typed bridge: what the renderer may ask of the machine it runs on.
// In Electron the preload exposes an object that `satisfies KioskBridge` (IPC channels prefixed
// `kiosk:`); in web mode the same interface is served by the standalone hardware agent over its
// WebSocket. The renderer codes against this interface only.
export const BRIDGE_CHANNEL_PREFIX = 'kiosk:';

/** Where the renderer finds its peers; served as /config.json in web mode, by IPC in Electron. */
export interface KioskRuntimeConfig {
  mode: 'electron' | 'web';
  /** The sync server's base URL, e.g. http://127.0.0.1:7070 */
  serverUrl: string;
  /** The hardware agent's WebSocket URL and per-boot token (web mode only). */
  agent?: { url: string; token: string };
  site: { id: string; name: { zh: string; en: string }; phone: string };
  /** The kiosk's enrollment, or null before staff enrolled it with the one-time code. */
  device: { deviceId: string; token: string; siteId: string; regionCode: string } | null;
  /** The replica's 32-byte encryption key, base64; made and kept by the host, never in a plain
   *  file in Electron (safeStorage). */
  replicaKey: string;
  /** Idle timeout before the wipe, and the warning shown before it. */
  idle: { warnAfterMs: number; wipeAfterMs: number };
}
