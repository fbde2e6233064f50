// `onetrip-hw scan (--port PATH [--baud 9600] [--suffix crlf|cr|lf|tab] [--encoding utf-8|gb18030] | --hid [--vid N --pid N])
//                  [--count 1] [--timeout 30]`
// Waits for scans on a serial or HID POS scanner and prints one JSON line per code.
// Exit codes: 0 got --count codes, 2 bad arguments, 3 scanner cannot be opened, 5 timeout.
import { parseArgs } from 'node:util';
import { hidTransport } from '../scanner/hid-transport';
import { createScannerDriver } from '../scanner/scanner-driver';
import { serialTransport } from '../scanner/transport';
import type { ScanSuffix } from '../../common/scanner/serial-framer';
import type { ScanEncoding } from '../../common/scanner/text';

const USAGE = '用法 / usage: onetrip-hw scan (--port PATH [--baud 9600] [--suffix crlf|cr|lf|tab] [--encoding utf-8|gb18030] | --hid [--vid N] [--pid N]) [--count 1] [--timeout 30]\n';
const SUFFIXES = ['crlf', 'cr', 'lf', 'tab'];
const ENCODINGS = ['utf-8', 'gb18030', 'latin1'];

interface Args { port?: string; hid: boolean; vid?: number; pid?: number; baud: number; suffix: ScanSuffix; encoding: ScanEncoding; count: number; timeoutS: number }

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

function parse(argv: string[]): Args | string {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: {
      port: { type: 'string' }, hid: { type: 'boolean', default: false }, vid: { type: 'string' }, pid: { type: 'string' },
      baud: { type: 'string', default: '9600' }, suffix: { type: 'string', default: 'crlf' }, encoding: { type: 'string', default: 'utf-8' },
      count: { type: 'string', default: '1' }, timeout: { type: 'string', default: '30' },
    } }));
  } catch (error) {
    return (error as Error).message;
  }
  if (Boolean(values.port) === values.hid) return '请指定 --port 或 --hid 之一 / give exactly one of --port or --hid';
  if (!SUFFIXES.includes(values.suffix)) return `不支持的结束符 / unsupported suffix: ${values.suffix}`;
  if (!ENCODINGS.includes(values.encoding)) return `不支持的编码 / unsupported encoding: ${values.encoding}`;
  const [baud, count, timeoutS] = [Number(values.baud), Number(values.count), Number(values.timeout)];
  if (!Number.isInteger(baud) || baud < 300) return `无效的波特率 / invalid baud rate: ${values.baud}`;
  if (!Number.isInteger(count) || count < 1 || count > 1000) return `无效的数量 / invalid count: ${values.count}`;
  if (!(timeoutS > 0)) return `无效的超时 / invalid timeout: ${values.timeout}`;
  return { port: values.port, hid: values.hid, vid: num(values.vid), pid: num(values.pid), baud, suffix: values.suffix as ScanSuffix, encoding: values.encoding as ScanEncoding, count, timeoutS };
}

export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') { process.stderr.write(`${args}\n${USAGE}`); return 2; }
  const driver = createScannerDriver({
    id: 'cli', mode: args.hid ? 'hid' : 'serial', suffix: args.suffix, encoding: args.encoding,
    open: args.port ? serialTransport(args.port, { baudRate: args.baud }) : hidTransport({ vendorId: args.vid, productId: args.pid }),
  });
  let seen = 0;
  const code = await new Promise<number>((resolve) => {
    const timer = setTimeout(() => {
      process.stderr.write(`错误 / error [SCAN_TIMEOUT]: ${args.timeoutS} 秒内未扫到条码 / no code scanned within ${args.timeoutS} s\n`);
      resolve(5);
    }, args.timeoutS * 1000);
    driver.onScan((scan) => {
      if (seen >= args.count) return;
      process.stdout.write(`${JSON.stringify({ code: scan.code, symbology: scan.symbology, at: scan.at })}\n`);
      if (++seen >= args.count) { clearTimeout(timer); resolve(0); }
    });
    void driver.start().then(() => {
      const h = driver.health();
      if (h.state !== 'missing') { process.stderr.write(`扫码器已就绪 / scanner ready: ${h.port ?? ''}\n`); return; }
      clearTimeout(timer);
      process.stderr.write(`错误 / error [${h.lastError?.code}]: ${h.lastError?.message.zh} / ${h.lastError?.message.en}\n`);
      resolve(3);
    });
  });
  await driver.stop();
  return code;
}
