// `npm run agent -w hardware`: the standalone hardware agent. Loads the config, starts the
// devices (simulators in demo mode), writes the per-boot token and serves HTTP + WebSocket.
import { createAgent } from './agent';
import { loadConfig } from './config';
import { startAgentServer } from './server';
import { createToken } from './token';

async function main(): Promise<void> {
  const config = await loadConfig();
  const agent = createAgent(config);
  await agent.start();
  const token = await createToken(config.stateDir);
  const server = await startAgentServer(agent, token, { host: config.host, port: config.port, allowedOrigins: config.allowedOrigins });
  const httpBase = server.url.replace(/^ws:/, 'http:').replace(/\/agent$/, '');
  console.log(`硬件服务已启动 / hardware agent running${config.demo ? ' (演示模式 / demo mode)' : ''}`);
  console.log(`  WebSocket   ${server.url}`);
  console.log(`  dev page    ${httpBase}/`);
  console.log(`  token file  ${token.file}`);
  for (const d of agent.devices()) {
    const h = d.health();
    const sim = d.simulatorPort && d.simulatorPort !== h.port ? `  (simulator end: ${d.simulatorPort})` : '';
    console.log(`  ${d.kind.padEnd(8)} ${d.id.padEnd(10)} ${h.state.padEnd(9)} ${h.port ?? ''}${sim}`);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('硬件服务正在停止 / hardware agent stopping');
    await server.close();
    await agent.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
