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
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
