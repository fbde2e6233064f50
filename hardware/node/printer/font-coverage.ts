// Which characters a printer's built-in font can print. GB18030 encodes every Unicode
// character, but printer fonts hold a subset: cheap models GB2312, most GBK; the 4-byte
// GB18030 sequences (CJK Ext-A/B, rare name characters such as 䶮 or 𠮷) rarely print.
import iconv from 'iconv-lite';

export type FontCoverage = 'gb2312' | 'gbk' | 'gb18030';

function inGbk(lead: number, trail: number): boolean {
  // GBK's user-defined areas hold no glyphs in a printer font; 0xFE50–0xFEFE held
  // private-use code points in GBK that GB18030-2005 gave to CJK Ext-A characters.
  if (lead >= 0xaa && lead <= 0xaf && trail >= 0xa1) return false;
  if (lead >= 0xf8 && trail >= 0xa1) return false;
  if (lead >= 0xa1 && lead <= 0xa7 && trail < 0xa1) return false;
  return lead !== 0xfe;
}

const inGb2312 = (lead: number, trail: number): boolean =>
  lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe && !(lead >= 0xaa && lead <= 0xaf);

const cache = new Map<string, boolean>();

export function canPrintChar(ch: string, coverage: FontCoverage): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x80) return cp >= 0x20;
  const key = coverage + ch;
  let known = cache.get(key);
  if (known === undefined) {
    known = lookUp(ch, coverage);
    if (cache.size < 20_000) cache.set(key, known);
  }
  return known;
}

function lookUp(ch: string, coverage: FontCoverage): boolean {
  const bytes = iconv.encode(ch, 'gb18030');
  if (coverage === 'gb18030') return true;
  if (bytes.length !== 2) return false;
  const lead = bytes[0] ?? 0;
  const trail = bytes[1] ?? 0;
  return coverage === 'gbk' ? inGbk(lead, trail) : inGb2312(lead, trail);
}

export function canPrintText(text: string, coverage: FontCoverage): boolean {
  for (const ch of text) if (!canPrintChar(ch, coverage)) return false;
  return true;
}
