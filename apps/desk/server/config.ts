// The desk server's configuration from the environment, checked once at start.
export interface DeskConfig { host: string; port: number; serverUrl: string }

export function loadDeskConfig(env: Record<string, string | undefined>): DeskConfig {
  const port = Number(env.ONETRIP_DESK_PORT ?? 7090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ONETRIP_DESK_PORT: not a port / 端口无效: ${env.ONETRIP_DESK_PORT}`);
  const serverUrl = env.ONETRIP_SERVER_URL ?? 'http://127.0.0.1:7070';
  try { new URL(serverUrl); } catch { throw new Error(`ONETRIP_SERVER_URL: not a URL / 地址无效: ${serverUrl}`); }
  return { host: env.ONETRIP_DESK_HOST ?? '127.0.0.1', port, serverUrl: serverUrl.replace(/\/+$/, '') };
}
