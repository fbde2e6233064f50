// `npm start -w apps/desk` (and the desk service of the root `npm start`): build when stale, then
// serve the workbench on 127.0.0.1:7090 with /config.json naming the sync server.
import { buildDesk } from './build';
import { loadDeskConfig } from './config';
import { startDeskWebServer } from './web-server';

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadDeskConfig(process.env);
  const rootDir = await buildDesk({ log });
  const server = await startDeskWebServer({ rootDir, host: config.host, port: config.port, config: () => ({ serverUrl: config.serverUrl }) });
  log(`desk: ${server.url}  (sync server ${config.serverUrl}) / 工作台已启动`);
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
