// CLI entry: `npm start -w sync-server` (or `tsx src/main.ts`). Reads the environment once,
// starts the server, prints the demo accounts in demo mode, and drains on SIGINT/SIGTERM.
import { startServer } from './server';
import { loadConfig } from './config';
import { printDemo } from './demo/seed';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const server = await startServer(config);
  if (server.demo) printDemo(server.demo, server.apiUrl, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`sync-server listening on ${server.url} (${server.db.engine})\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`sync-server: ${signal}, draining streams and stopping …\n`);
    server.close().then(() => process.exit(0), (err: unknown) => { console.error(err); process.exit(1); });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  const detail = err instanceof Error ? err.message : String(err);
  const db = /ECONNREFUSED|password authentication|does not exist|getaddrinfo/.test(detail);
  console.error(db ? `无法连接数据库 / cannot reach the database (check DATABASE_URL): ${detail}` : `sync-server 无法启动 / could not start: ${detail}`);
  process.exit(1);
});
