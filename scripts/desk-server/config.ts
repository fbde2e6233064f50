// The desk server's configuration from the environment, checked once at start.
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DeskConfig { host: string; port: number; serverUrl: string; agentUrl: string; agentTokenFile: string }

export function loadDeskConfig(env: Record<string, string | undefined>): DeskConfig {
  const port = Number(env.ONETRIP_DESK_PORT ?? 7090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`ONETRIP_DESK_PORT: not a port / 端口无效: ${env.ONETRIP_DESK_PORT}`);
  const serverUrl = env.ONETRIP_SERVER_URL ?? 'http://127.0.0.1:7070';
  try { new URL(serverUrl); } catch { throw new Error(`ONETRIP_SERVER_URL: not a URL / 地址无效: ${serverUrl}`); }
  const agentUrl = env.ONETRIP_AGENT_URL ?? 'ws://127.0.0.1:7071/agent';
  if (!/^wss?:\/\//.test(agentUrl)) throw new Error(`ONETRIP_AGENT_URL: not a ws:// URL / 地址无效: ${agentUrl}`);
  // the hardware agent writes a fresh token at every start; the desk reads it per request
  const agentTokenFile = env.ONETRIP_AGENT_TOKEN_FILE ?? join(homedir(), '.local', 'state', 'onetrip-hw', 'agent-token');
  return { host: env.ONETRIP_DESK_HOST ?? '127.0.0.1', port, serverUrl: serverUrl.replace(/\/+$/, ''), agentUrl, agentTokenFile };
}
