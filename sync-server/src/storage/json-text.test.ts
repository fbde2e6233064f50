import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonText } from './json-text';

describe('jsonText', () => {
  it('writes Chinese text as escapes and reads back the same value', () => {
    const doc = { name: '王建国', address: '宁乡市玉潭街道', n: 3, emoji: '😀', del: '\u007f' };
    const text = jsonText(doc);
    expect(text).toBe('{"name":"\\u738b\\u5efa\\u56fd","address":"\\u5b81\\u4e61\\u5e02\\u7389\\u6f6d\\u8857\\u9053","n":3,"emoji":"\\ud83d\\ude00","del":"\\u007f"}');
    expect(JSON.parse(text)).toEqual(doc);
  });

  it('leaves ASCII-only JSON exactly as JSON.stringify writes it', () => {
    const doc = { id: '01J', list: [1, 'a"b\\c', null, true], nested: { x: 'line\nbreak' } };
    expect(jsonText(doc)).toBe(JSON.stringify(doc));
  });

  it('for any JSON value: pure ASCII, no raw newline, and parses back equal', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const text = jsonText(value);
      expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
    }), { numRuns: 500 });
  });
});
