import { z } from 'zod';

/** A text shown to a person: always both Simplified Chinese and English. */
export const Bilingual = z.object({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) });
export type Bilingual = z.infer<typeof Bilingual>;

/** The shape in which an expected error crosses IPC, HTTP and replication boundaries. */
export const TransferableError = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
  message: Bilingual,
});
export type TransferableError = z.infer<typeof TransferableError>;

/** Result of an operation that may fail with an expected, person-facing error. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: TransferableError };

/**
 * An expected error: shown to a person, carries a stable `code` and a message in
 * Chinese and English. `message` (the Error's own) is "zh / en" for logs.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly en: string;

  constructor(code: string, zh: string, en: string) {
    super(`${zh} / ${en}`);
    this.name = 'DomainError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }

  toTransferable(): TransferableError {
    return { code: this.code, message: { zh: this.zh, en: this.en } };
  }

  static fromTransferable(error: TransferableError): DomainError {
    return new DomainError(error.code, error.message.zh, error.message.en);
  }
}

/** A programmer error: a broken invariant, never shown to a villager as-is. */
export class BugIndicatingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BugIndicatingError';
  }
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}

/** Builds a transferable error without allocating an Error (no stack needed in hot paths). */
export function domainError(code: string, zh: string, en: string): TransferableError {
  return { code, message: { zh, en } };
}

export function fail<T>(code: string, zh: string, en: string): Result<T> {
  return { ok: false, error: domainError(code, zh, en) };
}
