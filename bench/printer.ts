// `npm run bench -- printer`: receipt rendering, printing over TCP through the spool, and the
// ESC/POS decoder. The measurement lives in hardware/node/printer/printer-bench.ts; like
// reader.ts it is loaded through a computed URL because bench/tsconfig.json does not
// reference the hardware project.
interface PrinterBench {
  runPrinterBench(): Promise<string[]>;
}

export async function run(): Promise<string[]> {
  const where = new URL('../hardware/node/printer/printer-bench.ts', import.meta.url).href;
  const bench = (await import(where)) as PrinterBench;
  return bench.runPrinterBench();
}
