// `onetrip-hw print (--tcp HOST:PORT | --port PATH [--baud N] | --device FILE) --receipt FILE.json`
// Prints one receipt document (validated with zod) through the spool; JSON on stdout.
// Exit codes: 0 printed, 1 kept in the spool (printer not ready; the error says what to do),
// 2 bad arguments or an invalid receipt file.
import { readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printerError, PrinterFailure, ReceiptDocument, type PrinterError } from '../../common/printer';
import { createDeviceFileTransport } from '../printer/device-file-transport';
import { createPrinter } from '../printer/printer';
import { defaultProfile, renderReceiptSvg } from '../printer/render';
import { createSerialTransport } from '../printer/serial-transport';
import { createTcpTransport } from '../printer/tcp-transport';
import type { PrinterTransport } from '../printer/transport';
import type { FontCoverage } from '../printer/font-coverage';

const USAGE = '用法 / usage: onetrip-hw print (--tcp HOST:PORT | --port PATH [--baud 115200] | --device FILE) --receipt FILE.json\n'
  + '  [--spool DIR] [--timeout MS] [--cpl 48] [--font gb2312|gbk|gb18030] [--svg OUT.svg]\n';
const MAX_RECEIPT_BYTES = 256 * 1024;

interface Args {
  transport: PrinterTransport;
  receipt: string;
  spool: string;
  timeoutMs: number;
  cpl: number;
  font: FontCoverage;
  svg?: string;
}

function transportOf(v: { tcp?: string; port?: string; device?: string; baud: string }): PrinterTransport | string {
  const chosen = [v.tcp, v.port, v.device].filter(Boolean).length;
  if (chosen !== 1) return '请指定且只指定一个 --tcp、--port 或 --device / give exactly one of --tcp, --port, --device';
  if (v.tcp) {
    const m = /^([^:]+):(\d{1,5})$/.exec(v.tcp);
    if (!m) return `无效的地址 / invalid --tcp (HOST:PORT): ${v.tcp}`;
    return createTcpTransport({ host: m[1] as string, port: Number(m[2]) });
  }
  const baud = Number(v.baud);
  if (!Number.isInteger(baud) || baud < 1200) return `无效的波特率 / invalid baud rate: ${v.baud}`;
  return v.port ? createSerialTransport({ path: v.port, baudRate: baud }) : createDeviceFileTransport({ path: v.device as string });
}

function parse(argv: string[]): Args | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        tcp: { type: 'string' }, port: { type: 'string' }, device: { type: 'string' }, baud: { type: 'string', default: '115200' },
        receipt: { type: 'string' }, spool: { type: 'string' }, timeout: { type: 'string', default: '2000' },
        cpl: { type: 'string', default: String(defaultProfile.cpl) }, font: { type: 'string', default: defaultProfile.fontCoverage },
        svg: { type: 'string' },
      },
    }));
  } catch (error) {
    return `参数错误 / bad arguments: ${(error as Error).message}`;
  }
  if (!values.receipt) return '缺少 --receipt / --receipt is required';
  const timeoutMs = Number(values.timeout);
  const cpl = Number(values.cpl);
  if (!(timeoutMs > 0)) return `无效的超时 / invalid timeout: ${values.timeout}`;
  if (!Number.isInteger(cpl) || cpl < 24 || cpl > 96) return `无效的每行字数 / invalid --cpl: ${values.cpl}`;
  if (!['gb2312', 'gbk', 'gb18030'].includes(values.font)) return `无效的字库 / invalid --font: ${values.font}`;
  const transport = transportOf(values);
  if (typeof transport === 'string') return transport;
  const spool = values.spool ?? process.env.ONETRIP_PRINTER_SPOOL ?? join(homedir(), '.onetrip', 'printer-spool');
  return { transport, receipt: values.receipt, spool, timeoutMs, cpl, font: values.font as FontCoverage, ...(values.svg ? { svg: values.svg } : {}) };
}

const fail = (error: PrinterError): void => {
  process.stderr.write(`错误 / error [${error.code}]: ${error.message.zh} / ${error.message.en}\n`);
};

async function loadReceipt(file: string): Promise<ReceiptDocument | PrinterError> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return printerError('PRINTER_INVALID_RECEIPT', `${file}: ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  if (text.length > MAX_RECEIPT_BYTES) return printerError('PRINTER_INVALID_RECEIPT', `${file} > ${MAX_RECEIPT_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return printerError('PRINTER_INVALID_RECEIPT', `${file}: not JSON / 不是 JSON`);
  }
  const parsed = ReceiptDocument.safeParse(json);
  if (parsed.success) return parsed.data;
  return printerError('PRINTER_INVALID_RECEIPT', parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '));
}

export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const doc = await loadReceipt(args.receipt);
  if (!('kind' in doc)) {
    fail(doc);
    return 2;
  }
  if (args.svg) await writeFile(args.svg, renderReceiptSvg(doc, { cpl: args.cpl, qrCell: defaultProfile.qrCell }));
  const printer = createPrinter({
    transport: args.transport, spoolDir: args.spool, statusTimeoutMs: args.timeoutMs, retryMs: 0,
    profile: { ...defaultProfile, cpl: args.cpl, fontCoverage: args.font },
  });
  try {
    const result = await printer.print(doc);
    const status = await printer.status();
    process.stdout.write(`${JSON.stringify({ ...result, status }, null, 2)}\n`);
    if (result.state === 'printed') return 0;
    fail(result.error ?? status.error ?? printerError('PRINTER_UNREACHABLE', args.transport.description));
    return 1;
  } catch (e) {
    fail(e instanceof PrinterFailure ? e.error : printerError('PRINTER_UNREACHABLE', String(e)));
    return 1;
  } finally {
    await printer.close();
  }
}
