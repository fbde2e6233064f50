// `onetrip-hw read-card --port PATH [--baud N] [--timeout S] [--fingerprint] [--json]`
// Waits for one card on the reader and prints the identity. Exit codes: 0 card read,
// 2 bad arguments, 3 port cannot be opened, 4 reader failed, 5 no card before the timeout.
import { parseArgs } from 'node:util';
import { maskIdNumber } from '@onetrip/domain';
import { idCardError } from '../../common/idcard';
import type { IdCardError, Identity } from '../../common/idcard';
import { createIdCardReader } from '../idcard/driver';

const USAGE = '用法 / usage: onetrip-hw read-card --port PATH [--baud 115200] [--timeout 30] [--fingerprint] [--json]\n';

interface Args {
  port: string;
  baud: number;
  timeoutS: number;
  fingerprint: boolean;
  json: boolean;
}

function parse(argv: string[]): Args | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' }, baud: { type: 'string', default: '115200' }, timeout: { type: 'string', default: '30' },
        fingerprint: { type: 'boolean', default: false }, json: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    return (error as Error).message;
  }
  const baud = Number(values.baud);
  const timeoutS = Number(values.timeout);
  if (!values.port) return '缺少 --port / --port is required';
  if (![9600, 19200, 38400, 57600, 115200].includes(baud)) return `不支持的波特率 / unsupported baud rate: ${values.baud}`;
  if (!(timeoutS > 0)) return `无效的超时 / invalid timeout: ${values.timeout}`;
  return { port: values.port, baud, timeoutS, fingerprint: values.fingerprint, json: values.json };
}

const EXIT: Partial<Record<IdCardError['code'], number>> = { IDCARD_PORT_OPEN_FAILED: 3, IDCARD_TIMEOUT: 5 };

function printError(error: IdCardError, json: boolean): void {
  process.stderr.write(json ? `${JSON.stringify(error)}\n` : `错误 / error [${error.code}]: ${error.message.zh} / ${error.message.en}\n`);
}

function printCard(identity: Identity, json: boolean): void {
  if (json) {
    process.stdout.write(`${JSON.stringify(identity, null, 2)}\n`);
    return;
  }
  const lines = [
    `证件类型 / card type: ${identity.cardType}`,
    `姓名 / name: ${identity.name}${identity.englishName ? ` (${identity.englishName})` : ''}`,
    `证件号码 / ID number: ${maskIdNumber(identity.idNumber)}`,
    `有效期 / valid: ${identity.validFrom} – ${identity.validTo}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Resolves with the first card, or the first error that ends the wait. */
function waitForCard(args: Args): Promise<{ card: Identity } | { error: IdCardError }> {
  const reader = createIdCardReader({ path: args.port, baudRate: args.baud, withFingerprint: args.fingerprint, reconnectIntervalMs: 500, commandTimeoutMs: 1000 });
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish({ error: idCardError('IDCARD_TIMEOUT', `${args.timeoutS} s`) }), args.timeoutS * 1000);
    const finish = (outcome: { card: Identity } | { error: IdCardError }): void => {
      clearTimeout(timer);
      reader.removeAllListeners();
      void reader.stop().then(() => resolve(outcome));
    };
    reader.on('card', (card) => finish({ card }));
    reader.on('error', (error) => finish({ error }));
    void reader.start();
  });
}

export async function run(argv: string[]): Promise<number> {
  const args = parse(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}`);
    return 2;
  }
  const outcome = await waitForCard(args);
  if ('card' in outcome) {
    printCard(outcome.card, args.json);
    return 0;
  }
  printError(outcome.error, args.json);
  return EXIT[outcome.error.code] ?? 4;
}
