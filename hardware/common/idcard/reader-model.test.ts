import { describe, expect, it } from 'vitest';
import { DEMO_CARDS } from './card-data';
import { Command, SET_BAUD_CMD, asResponse, decodeFrame, encodeCommand, fromHex, toHex } from './frame';
import { FrameParser } from './frame-parser';
import { ReaderModel } from './reader-model';
import { Sw3 } from './status';

/** Sends raw command bytes to the model; returns the SW3 of its answer and the reply. */
function send(model: ReaderModel, bytes: Uint8Array) {
  const [event] = new FrameParser().push(bytes);
  if (!event) throw new Error('no frame');
  const reply = model.handle(event);
  const decoded = decodeFrame(reply.frame);
  if (!decoded.ok) throw new Error(decoded.reason);
  const response = asResponse(decoded.frame);
  if (!response) throw new Error('short answer');
  return { sw3: response.sw3, data: response.data, reply };
}

const cmd = (c: readonly [number, number]): Uint8Array => encodeCommand(c[0], c[1]);

describe('ReaderModel', () => {
  it('walks a card through find, select and read, then halts it until it is lifted', () => {
    const model = new ReaderModel({ authMs: 250 });
    model.placeCard(DEMO_CARDS[0]!);
    expect(toHex(send(model, cmd(Command.findCard)).reply.frame)).toBe('AA AA AA 96 69 00 08 00 00 9F 00 00 00 00 97');
    const selected = send(model, cmd(Command.selectCard));
    expect(toHex(selected.reply.frame)).toBe('AA AA AA 96 69 00 0C 00 00 90 00 00 00 00 00 00 00 00 9C');
    expect(selected.reply.workMs).toBe(250);
    expect(send(model, cmd(Command.readBase)).reply.frame.length).toBe(1295);
    expect(send(model, cmd(Command.readBase)).sw3).toBe(Sw3.success);
    expect(send(model, cmd(Command.readAppendedAddress)).sw3).toBe(Sw3.noContent);
    expect(toHex(send(model, cmd(Command.findCard)).reply.frame)).toBe('AA AA AA 96 69 00 04 00 00 80 84');
    expect(send(model, cmd(Command.findCard)).sw3).toBe(Sw3.findFailed);
    expect(send(model, cmd(Command.selectCard)).sw3).toBe(Sw3.selectFailed);
    expect(send(model, cmd(Command.readBase)).sw3).toBe(Sw3.readFailed);
    model.liftCard();
    model.placeCard(DEMO_CARDS[0]!);
    expect(send(model, cmd(Command.findCard)).sw3).toBe(Sw3.cardFound);
  });

  it('fails queued authentications, one select each', () => {
    const model = new ReaderModel();
    model.placeCard(DEMO_CARDS[1]!);
    model.failNextAuth(0x31);
    model.failNextAuth(0x33);
    const results = [0, 1, 2].map(() => { send(model, cmd(Command.findCard)); return send(model, cmd(Command.selectCard)).sw3; });
    expect(results).toEqual([0x31, 0x33, Sw3.success]);
  });

  it('answers status, SAM id, baud changes, bad commands, bad checksums and bad lengths', () => {
    const model = new ReaderModel();
    expect(toHex(send(model, fromHex('AA AA AA 96 69 00 03 11 FF ED')).reply.frame)).toBe('AA AA AA 96 69 00 04 00 00 90 94');
    expect(send(model, cmd(Command.readSamId)).data.length).toBe(16);
    const baud = send(model, fromHex('AA AA AA 96 69 00 03 60 04 67'));
    expect([baud.sw3, baud.reply.baudRate]).toEqual([Sw3.success, 9600]);
    expect(send(model, encodeCommand(SET_BAUD_CMD, 0x09)).sw3).toBe(Sw3.badCommand);
    expect(send(model, fromHex('AA AA AA 96 69 00 04 61 FF 50 CA')).sw3).toBe(Sw3.success);
    expect(send(model, encodeCommand(0x77, 0x01)).sw3).toBe(Sw3.badCommand);
    expect(toHex(send(model, fromHex('AA AA AA 96 69 00 03 20 01 21')).reply.frame)).toBe('AA AA AA 96 69 00 04 00 00 10 14');
    expect(send(model, fromHex('AA AA AA 96 69 00 02 00 00')).sw3).toBe(Sw3.lengthError);
  });

  it('adds the fingerprint to a 30 10 read', () => {
    const model = new ReaderModel();
    model.placeCard(DEMO_CARDS[1]!);
    send(model, cmd(Command.findCard));
    send(model, cmd(Command.selectCard));
    const read = send(model, cmd(Command.readBaseWithFingerprint));
    expect(toHex(read.reply.frame.subarray(5, 7))).toBe('09 0A');
    expect(read.reply.frame.length).toBe(2321);
  });
});
