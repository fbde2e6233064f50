/**
 * Errors raised by the test helpers. They follow the repo's error shape: a stable `code`
 * and a message in Simplified Chinese and English, so a failing suite prints something a
 * person on either side of the team can act on.
 */
export interface BilingualMessage {
  zh: string;
  en: string;
}

export class TestkitError extends Error {
  readonly code: string;
  readonly bilingual: BilingualMessage;

  constructor(code: string, message: BilingualMessage, options?: { cause?: unknown }) {
    super(`${message.zh} / ${message.en}`, options);
    this.name = 'TestkitError';
    this.code = code;
    this.bilingual = message;
  }

  /**
   * The `{ code, message }` shape errors take when they cross a boundary. (Not `toJSON`:
   * Vitest would then print the object instead of the message.)
   */
  toTransferable(): { code: string; message: BilingualMessage } {
    return { code: this.code, message: this.bilingual };
  }
}
