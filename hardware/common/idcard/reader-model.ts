// The protocol behaviour of a reader, as a pure state machine: a parsed command in, the
// response frame (and how long the reader works on it) out. The simulator wraps it with a
// serial port, pacing and fault injection. Card phases follow a real reader: a card must be
// found, then selected (mutual authentication with the SAM), then read; after a successful
// read the card is halted and the next find fails until the card is lifted and placed again.
import { encodeCardRead } from './card-data';
import type { CardSpec } from './card-data';
import { BAUD_PARAS, Command, SET_BAUD_CMD, asCommand, encodeResponse } from './frame';
import type { CommandFrame } from './frame';
import type { ParseEvent } from './frame-parser';
import { Sw3 } from './status';

/** `read`: data was read and may be read again; the next find halts the card until it is lifted. */
export type CardPhase = 'absent' | 'present' | 'found' | 'selected' | 'read' | 'halted';

export interface ReaderModelOptions {
  /** Time the SAM and the card take to authenticate each other on select, in ms. */
  readonly authMs?: number;
  /** 16 bytes returned by the read-SAM-id command. */
  readonly samId?: Uint8Array;
}

export interface ModelReply {
  readonly frame: Uint8Array;
  /** How long the reader works before it starts answering. */
  readonly workMs: number;
  /** A new serial rate that applies after this reply (the 60 nn command). */
  readonly baudRate?: number;
}

const is = (c: CommandFrame, [cmd, para]: readonly [number, number]): boolean => c.cmd === cmd && c.para === para;
const zeros = (n: number): Uint8Array => new Uint8Array(n);

export class ReaderModel {
  private card: CardSpec | null = null;
  private phase: CardPhase = 'absent';
  private readonly authFailures: number[] = [];
  private readonly authMs: number;
  private readonly samId: Uint8Array;

  constructor(options: ReaderModelOptions = {}) {
    this.authMs = options.authMs ?? 300;
    this.samId = options.samId ?? Uint8Array.from([0x05, 0x00, 0x01, 0x00, 0x20, 0x26, 0x11, 0x27, 0x43, 0x01, 0x82, 0x00, 0x00, 0x00, 0x00, 0x01]);
  }

  get cardPhase(): CardPhase {
    return this.phase;
  }

  placeCard(card: CardSpec): void {
    this.card = card;
    this.phase = 'present';
  }

  liftCard(): void {
    this.card = null;
    this.phase = 'absent';
  }

  /** The next select fails mutual authentication with this SW3 (31, 32 or 33); calls queue up. */
  failNextAuth(sw3: number = Sw3.samAuthFailed): void {
    this.authFailures.push(sw3);
  }

  handle(event: ParseEvent): ModelReply {
    if (event.type === 'bad-checksum') return { frame: encodeResponse(Sw3.checksumError), workMs: 0 };
    if (event.type === 'bad-length') return { frame: encodeResponse(Sw3.lengthError), workMs: 0 };
    return this.command(asCommand(event.frame));
  }

  private command(c: CommandFrame): ModelReply {
    const reply = (sw3: number, data?: Uint8Array, workMs = 0): ModelReply => ({ frame: encodeResponse(sw3, data), workMs });
    if (is(c, Command.samStatus) || is(c, Command.resetSam) || is(c, Command.setMaxRfByte)) return reply(Sw3.success);
    if (is(c, Command.readSamId)) return reply(Sw3.success, this.samId);
    if (is(c, Command.findCard)) return this.find();
    if (is(c, Command.selectCard)) return this.select();
    if (is(c, Command.readBase)) return this.read(false);
    if (is(c, Command.readBaseWithFingerprint)) return this.read(true);
    if (is(c, Command.readAppendedAddress)) return reply(this.phase === 'selected' || this.phase === 'read' ? Sw3.noContent : Sw3.readFailed);
    if (c.cmd === SET_BAUD_CMD) {
      const baud = Object.entries(BAUD_PARAS).find(([, para]) => para === c.para)?.[0];
      return baud ? { ...reply(Sw3.success), baudRate: Number(baud) } : reply(Sw3.badCommand);
    }
    return reply(Sw3.badCommand);
  }

  private find(): ModelReply {
    if (this.phase === 'absent' || this.phase === 'halted' || this.phase === 'read') {
      if (this.phase === 'read') this.phase = 'halted';
      return { frame: encodeResponse(Sw3.findFailed), workMs: 0 };
    }
    this.phase = 'found';
    return { frame: encodeResponse(Sw3.cardFound, zeros(4)), workMs: 0 };
  }

  private select(): ModelReply {
    if (this.phase !== 'found') return { frame: encodeResponse(Sw3.selectFailed), workMs: 0 };
    const sw3 = this.authFailures.shift();
    if (sw3 !== undefined) {
      this.phase = 'present';
      return { frame: encodeResponse(sw3), workMs: this.authMs };
    }
    this.phase = 'selected';
    return { frame: encodeResponse(Sw3.success, zeros(8)), workMs: this.authMs };
  }

  /** A selected card may be read again (a host resends after a damaged answer) until the next find. */
  private read(withFingerprint: boolean): ModelReply {
    if ((this.phase !== 'selected' && this.phase !== 'read') || !this.card) return { frame: encodeResponse(Sw3.readFailed), workMs: 0 };
    this.phase = 'read';
    return { frame: encodeResponse(Sw3.success, encodeCardRead(this.card, withFingerprint)), workMs: 0 };
  }
}
