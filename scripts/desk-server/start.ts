// `npm start -w apps/desk` (and the desk service of the root `npm start`): build when stale, then
// serve the workbench on 127.0.0.1:7090 with /config.json naming the sync server.
import { readFile } from 'node:fs/promises';
import { buildDesk } from './build';
import { loadDeskConfig } from './config';
import { startDeskWebServer, type DeskRuntimeConfig } from './web-server';

const log = (line: string) => process.stdout.write(`${line}\n`);

/** The agent is offered only while its token file exists (the agent runs on this computer). */
async function runtimeConfig(serverUrl: string, agentUrl: string, tokenFile: string): Promise<DeskRuntimeConfig> {
  const token = (await readFile(tokenFile, 'utf8').catch(() => '')).trim();
  return { serverUrl, ...(token ? { agent: { url: agentUrl, token } } : {}) };
}

async function main(): Promise<void> {
  const config = loadDeskConfig(process.env);
  const rootDir = await buildDesk({ log });
  const server = await startDeskWebServer({ rootDir, host: config.host, port: config.port, config: () => runtimeConfig(config.serverUrl, config.agentUrl, config.agentTokenFile) });
  log(`desk: ${server.url}  (sync server ${config.serverUrl}) / 工作台已启动`);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
