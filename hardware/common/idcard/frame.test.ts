// Every frame of /work/shared/vectors/idcard-sam.md, byte for byte.
import { describe, expect, it } from 'vitest';
import { BAUD_PARAS, Command, SET_BAUD_CMD, asCommand, asResponse, decodeFrame, encodeCommand, encodeResponse, fromHex, toHex } from './frame';
import { Sw3 } from './status';

const commandVectors: [string, readonly [number, number], number[], string][] = [
  ['reset SAM', Command.resetSam, [], 'AA AA AA 96 69 00 03 10 FF EC'],
  ['SAM status', Command.samStatus, [], 'AA AA AA 96 69 00 03 11 FF ED'],
  ['read SAM id', Command.readSamId, [], 'AA AA AA 96 69 00 03 12 FF EE'],
  ['find card', Command.findCard, [], 'AA AA AA 96 69 00 03 20 01 22'],
  ['select card', Command.selectCard, [], 'AA AA AA 96 69 00 03 20 02 21'],
  ['read base message', Command.readBase, [], 'AA AA AA 96 69 00 03 30 01 32'],
  ['read base message + fingerprint', Command.readBaseWithFingerprint, [], 'AA AA AA 96 69 00 03 30 10 23'],
  ['read appended address', Command.readAppendedAddress, [], 'AA AA AA 96 69 00 03 30 03 30'],
  ['set 9600 baud', [SET_BAUD_CMD, BAUD_PARAS[9600] ?? -1], [], 'AA AA AA 96 69 00 03 60 04 67'],
  ['set max RF byte', Command.setMaxRfByte, [0x50], 'AA AA AA 96 69 00 04 61 FF 50 CA'],
];

const responseVectors: [string, number, number[], string][] = [
  ['find OK', Sw3.cardFound, [0, 0, 0, 0], 'AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97'],
  ['find failed', Sw3.findFailed, [], 'AA AA AA 96 69 00 04 00 00 80 84'],
  ['select OK', Sw3.success, [0, 0, 0, 0, 0, 0, 0, 0], 'AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C'],
  ['status OK', Sw3.success, [], 'AA AA AA 96 69 00 04 00 00 90 94'],
  ['checksum error', Sw3.checksumError, [], 'AA AA AA 96 69 00 04 00 00 10 14'],
];

describe('SAM frame codec', () => {
  it.each(commandVectors)('encodes and decodes the %s command', (_name, [cmd, para], data, hex) => {
    const frame = encodeCommand(cmd, para, Uint8Array.from(data));
    expect(toHex(frame)).toBe(hex);
    const decoded = decodeFrame(fromHex(hex));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(asCommand(decoded.frame)).toEqual({ cmd, para, data: Uint8Array.from(data) });
  });

  it.each(responseVectors)('encodes and decodes the %s response', (_name, sw3, data, hex) => {
    expect(toHex(encodeResponse(sw3, Uint8Array.from(data)))).toBe(hex);
    const decoded = decodeFrame(fromHex(hex));
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(asResponse(decoded.frame)).toEqual({ sw1: 0, sw2: 0, sw3, data: Uint8Array.from(data) });
  });

  it('sizes a 30 01 read response as LEN 05 08, 1295 bytes in all', () => {
    const data = new Uint8Array(4 + 256 + 1024);
    data.set([0x01, 0x00, 0x04, 0x00]);
    const frame = encodeResponse(Sw3.success, data);
    expect(frame.length).toBe(1295);
    expect(toHex(frame.subarray(5, 14))).toBe('05 08 00 00 90 01 00 04 00');
  });

  it('sizes a 30 10 read with a 1024-byte fingerprint as LEN 09 0A, 2321 bytes', () => {
    const frame = encodeResponse(Sw3.success, new Uint8Array(6 + 256 + 1024 + 1024));
    expect(frame.length).toBe(2321);
    expect(toHex(frame.subarray(5, 7))).toBe('09 0A');
  });

  it.each([
    ['AA AA AA 96 69 00 03 20 01 21', 'checksum'],
    ['AA AA AA 96 69 00 03 20 00 22', 'checksum'],
    ['AA AA AA 96 68 00 03 20 01 22', 'preamble'],
    ['AA AA AA 96 69 00 03 20 01', 'truncated'],
    ['AA AA AA 96 69 00 02 20 22', 'length'],
    ['AA AA AA 96 69 00 03 20 01 22 00', 'length'],
  ])('rejects %s (%s)', (hex, reason) => {
    expect(decodeFrame(fromHex(hex))).toEqual({ ok: false, reason });
  });
});
