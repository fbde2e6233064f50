// `npm run bench -- reader`: card placed → identity parsed over a pty at 115200 baud, against
// the floor of the bytes' wire time plus the simulated card authentication (target < 1.15×).
// The measurement lives in hardware/node/idcard/reader-bench.ts. bench/tsconfig.json does not
// reference the hardware project yet, so the module is loaded through a computed URL and
// typed by the interface below rather than by a static import.
interface ReaderBench {
  runReaderBench(): Promise<string[]>;
}

export async function run(): Promise<string[]> {
  const where = new URL('../hardware/node/idcard/reader-bench.ts', import.meta.url).href;
  const bench = (await import(where)) as ReaderBench;
  return bench.runReaderBench();
}
