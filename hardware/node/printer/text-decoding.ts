// How decoded ESC/POS text becomes a string in Node: GB18030 in Chinese mode; otherwise
// ASCII, with receiptline's ruled-line bytes shown as box-drawing characters.
import type { DecoderOptions } from '../../common/printer';

const gb18030 = new TextDecoder('gb18030');
const RULES: Record<number, string> = { 0x95: '─', 0x96: '│', 0x90: '┼', 0x91: '┬', 0x9c: '┌', 0x9d: '┐', 0x9e: '└', 0x9f: '┘' };

export const nodeDecoderOptions: DecoderOptions = {
  decodeText(bytes, chinese) {
    if (chinese && bytes.some((b) => b >= 0x80)) return gb18030.decode(bytes);
    let out = '';
    for (const b of bytes) out += b < 0x80 ? String.fromCharCode(b) : (RULES[b] ?? String.fromCharCode(b));
    return out;
  },
};
