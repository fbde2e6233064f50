// `npm run bench -- agent`: the hardware agent's per-call overhead over its WebSocket against a
// bare `ws` echo (peer), and scan-to-event latency through a simulated serial scanner on a pty
// (target 20 ms). The measurement lives in hardware/node/agent/agent-bench.ts; like reader.ts it
// is loaded through a computed URL because bench/tsconfig.json does not reference hardware.
interface AgentBench {
  runAgentBench(): Promise<string[]>;
}

export async function run(): Promise<string[]> {
  const where = new URL('../hardware/node/agent/agent-bench.ts', import.meta.url).href;
  const bench = (await import(where)) as AgentBench;
  return bench.runAgentBench();
}
