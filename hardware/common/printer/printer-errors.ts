// Printer errors a person can act on: a stable code and a message in Chinese and English.
// They cross the agent's IPC/WebSocket boundary as `{ code, message }`.

export type PrinterErrorCode =
  | 'PRINTER_PAPER_OUT'
  | 'PRINTER_COVER_OPEN'
  | 'PRINTER_CUTTER_ERROR'
  | 'PRINTER_UNRECOVERABLE'
  | 'PRINTER_OFFLINE'
  | 'PRINTER_UNREACHABLE'
  | 'PRINTER_STATUS_TIMEOUT'
  | 'PRINTER_INVALID_RECEIPT'
  | 'PRINTER_QUEUE_FULL';

export interface PrinterError {
  code: PrinterErrorCode;
  message: { zh: string; en: string };
}

const messages: Record<PrinterErrorCode, { zh: string; en: string }> = {
  PRINTER_PAPER_OUT: { zh: '打印机缺纸，请联系工作人员', en: 'Out of paper, please ask staff' },
  PRINTER_COVER_OPEN: { zh: '打印机盖未关好，请联系工作人员', en: 'Printer cover is open, please ask staff' },
  PRINTER_CUTTER_ERROR: { zh: '打印机切纸刀故障，请联系工作人员', en: 'Paper cutter error, please ask staff' },
  PRINTER_UNRECOVERABLE: { zh: '打印机故障，请联系工作人员', en: 'Printer fault, please ask staff' },
  PRINTER_OFFLINE: { zh: '打印机暂停工作，请联系工作人员', en: 'Printer is offline, please ask staff' },
  PRINTER_UNREACHABLE: {
    zh: '无法连接打印机，请检查电源和数据线或联系工作人员',
    en: 'Cannot reach the printer, check its power and cable or ask staff',
  },
  PRINTER_STATUS_TIMEOUT: {
    zh: '打印机没有响应，请检查电源和数据线或联系工作人员',
    en: 'The printer does not answer, check its power and cable or ask staff',
  },
  PRINTER_INVALID_RECEIPT: { zh: '回执内容不完整，无法打印', en: 'The receipt is incomplete and cannot be printed' },
  PRINTER_QUEUE_FULL: {
    zh: '待打印的回执太多，请联系工作人员检查打印机',
    en: 'Too many receipts are waiting to print, please ask staff to check the printer',
  },
};

export function printerError(code: PrinterErrorCode, detail?: string): PrinterError {
  const base = messages[code];
  if (!detail) return { code, message: { ...base } };
  return { code, message: { zh: `${base.zh}（${detail}）`, en: `${base.en} (${detail})` } };
}

/** A PrinterError thrown inside the node layer; `toJSON` gives the boundary shape. */
export class PrinterFailure extends Error {
  readonly error: PrinterError;
  constructor(error: PrinterError, options?: { cause?: unknown }) {
    super(`${error.code}: ${error.message.en}`, options);
    this.name = 'PrinterFailure';
    this.error = error;
  }
  toJSON(): PrinterError {
    return this.error;
  }
}
