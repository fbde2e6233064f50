// SW3 status codes of the SAM and the errors the ID-card reader reports to people.
// Every error crosses boundaries as { code, message: { zh, en } } with a stable code, and
// says what a person can do.

export const Sw3 = {
  success: 0x90,
  cardFound: 0x9f,
  noContent: 0x91,
  findFailed: 0x80,
  selectFailed: 0x81,
  checksumError: 0x10,
  lengthError: 0x11,
  badCommand: 0x21,
  unauthorized: 0x23,
  unknownError: 0x24,
  cardAuthFailed: 0x31,
  samAuthFailed: 0x32,
  verifyFailed: 0x33,
  unknownCardType: 0x40,
  readFailed: 0x41,
  randomFailed: 0x47,
  samSelfTestFailed: 0x60,
  samNotAuthorized: 0x66,
} as const;

export type Sw3Name = keyof typeof Sw3;

/** What each SW3 means, in English, for logs and docs. */
export const SW3_MEANINGS: Readonly<Record<number, string>> = {
  0x90: 'success',
  0x9f: 'card found',
  0x91: 'no content for this item',
  0x80: 'find card failed',
  0x81: 'select card failed',
  0x10: 'checksum error in received command',
  0x11: 'length error in received command',
  0x21: 'bad command or parameter',
  0x23: 'unauthorized operation',
  0x24: 'unknown error',
  0x31: 'card failed to authenticate the SAM',
  0x32: 'SAM failed to authenticate the card',
  0x33: 'information verification error',
  0x40: 'unknown card type',
  0x41: 'read failed',
  0x47: 'random number failed',
  0x60: 'SAM self-test failed',
  0x66: 'SAM not authorized',
};

export function describeSw3(sw3: number): string {
  return SW3_MEANINGS[sw3] ?? `unknown status 0x${sw3.toString(16).padStart(2, '0')}`;
}

export interface IdCardError {
  readonly code: IdCardErrorCode;
  readonly message: { readonly zh: string; readonly en: string };
}

const MESSAGES = {
  IDCARD_PORT_OPEN_FAILED: ['无法打开身份证阅读器端口，请检查连接线或联系工作人员', 'cannot open the ID-card reader port, please check the cable or ask staff'],
  IDCARD_DISCONNECTED: ['身份证阅读器已断开，请检查连接线或联系工作人员', 'the ID-card reader was disconnected, please check the cable or ask staff'],
  IDCARD_NO_RESPONSE: ['身份证阅读器无响应，请联系工作人员', 'the ID-card reader does not answer, please ask staff'],
  IDCARD_SAM_FAULT: ['身份证阅读器安全模块故障，请联系工作人员', 'the ID-card reader security module failed, please ask staff'],
  IDCARD_AUTH_FAILED: ['身份证认证失败，请拿起身份证重新放置', 'the ID card could not be authenticated, please lift the card and place it again'],
  IDCARD_READ_FAILED: ['读卡失败，请拿起身份证重新放置', 'reading the card failed, please lift the card and place it again'],
  IDCARD_UNKNOWN_CARD_TYPE: ['无法识别的证件类型，请联系工作人员', 'unknown card type, please ask staff'],
  IDCARD_BAD_DATA: ['身份证信息无效，请联系工作人员', 'the card data is invalid, please ask staff'],
  IDCARD_BAD_ID_NUMBER: ['身份证号码校验失败，请联系工作人员', 'the ID number on the card failed validation, please ask staff'],
  IDCARD_INTERNAL: ['身份证阅读器程序出错，请联系工作人员', 'the ID-card reader software failed, please ask staff'],
  IDCARD_TIMEOUT: ['等待身份证超时，请将身份证放在阅读器上', 'timed out waiting for an ID card, please place the card on the reader'],
} as const satisfies Record<string, readonly [string, string]>;

export type IdCardErrorCode = keyof typeof MESSAGES;

export function idCardError(code: IdCardErrorCode, detail?: string): IdCardError {
  const [zh, en] = MESSAGES[code];
  return { code, message: detail ? { zh: `${zh}（${detail}）`, en: `${en} (${detail})` } : { zh, en } };
}

/** The error a person sees when a command ended with this SW3. */
export function errorForSw3(sw3: number): IdCardError {
  const detail = `SW3=${sw3.toString(16).padStart(2, '0').toUpperCase()}`;
  if (sw3 === Sw3.cardAuthFailed || sw3 === Sw3.samAuthFailed || sw3 === Sw3.verifyFailed) return idCardError('IDCARD_AUTH_FAILED', detail);
  if (sw3 === Sw3.samSelfTestFailed || sw3 === Sw3.samNotAuthorized) return idCardError('IDCARD_SAM_FAULT', detail);
  if (sw3 === Sw3.unknownCardType) return idCardError('IDCARD_UNKNOWN_CARD_TYPE', detail);
  return idCardError('IDCARD_READ_FAILED', detail);
}
