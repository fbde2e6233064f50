// Errors that cross the HTTP boundary: a stable code, an HTTP status and a message in
// Chinese and English. Anything else thrown is a bug and answers 500 `internal`.

export interface Message { zh: string; en: string }
export interface TransferableError { code: string; message: Message }

const catalogue = {
  BAD_JSON: [400, '请求内容不是有效的 JSON', 'The request body is not valid JSON'],
  BAD_REQUEST: [400, '请求格式不正确', 'The request is malformed'],
  INVALID_DOCUMENT: [400, '文档未通过格式校验', 'A document failed its schema'],
  BODY_TOO_LARGE: [413, '请求内容过大', 'The request body is too large'],
  UNKNOWN_COLLECTION: [404, '没有这个同步集合', 'There is no such replicated collection'],
  NOT_FOUND: [404, '找不到请求的资源', 'The requested resource does not exist'],
  UNAUTHORIZED: [401, '未登录或令牌无效', 'Missing or invalid token'],
  BAD_CREDENTIALS: [401, '用户名或密码错误', 'Wrong username or password'],
  ACCOUNT_LOCKED: [423, '登录失败次数过多，账户已暂时锁定', 'Too many failed sign-ins; the account is locked for a while'],
  DEVICE_REVOKED: [401, '该终端已被停用', 'This device has been revoked'],
  FORBIDDEN: [403, '无权执行此操作', 'You are not allowed to do this'],
  OUT_OF_SCOPE: [403, '该数据不在您的管辖范围内', 'This data is outside your jurisdiction'],
  READ_ONLY: [403, '该集合只读', 'This collection is read-only'],
  ENROLL_CODE_INVALID: [400, '注册码无效、已使用或已过期', 'The enrollment code is invalid, used or expired'],
  UPLOAD_OFFSET_MISMATCH: [409, '上传断点不符，请从服务器已收到的位置继续', 'The piece does not start where the upload stopped; resume from the received offset'],
  HASH_MISMATCH: [400, '文件内容与其 SHA-256 不符', 'The file content does not match its SHA-256'],
  PROTOCOL_TOO_OLD: [426, '客户端版本过旧，请更新后再同步', 'This client is too old; update it before syncing'],
  RATE_LIMITED: [429, '请求过于频繁，请稍后再试', 'Too many requests; try again shortly'],
  UNSUPPORTED_MEDIA_TYPE: [415, '不支持的内容类型', 'Unsupported content type'],
  BUSY: [503, '服务器繁忙，请稍后重试', 'The server is busy; retry shortly'],
  UNAVAILABLE: [503, '服务正在关闭，请稍后重试', 'The server is shutting down; retry shortly'],
  INTERNAL: [500, '服务器内部错误', 'Internal server error'],
} as const satisfies Record<string, readonly [number, string, string]>;

export type ErrorCode = keyof typeof catalogue;

export class ApiError extends Error {
  readonly status: number;
  readonly detail: Message;
  constructor(readonly code: string, status?: number, detail?: Message, readonly extra?: Record<string, unknown>) {
    const known = (catalogue as Record<string, readonly [number, string, string]>)[code];
    const message = detail ?? (known ? { zh: known[1], en: known[2] } : { zh: catalogue.INTERNAL[1], en: catalogue.INTERNAL[2] });
    super(`${code}: ${message.en}`);
    this.status = status ?? known?.[0] ?? 500;
    this.detail = message;
  }
  toTransferable(): TransferableError & Record<string, unknown> {
    return { code: this.code, message: this.detail, ...this.extra };
  }
}

/** The error for a known code, with optional extra fields (e.g. which document failed). */
export function apiError(code: ErrorCode, extra?: Record<string, unknown>): ApiError {
  return new ApiError(code, undefined, undefined, extra);
}

/** A domain error ({code, message:{zh,en}}) as an API error with the given status. */
export function fromDomain(err: { code: string; message: Message }, status = 403, extra?: Record<string, unknown>): ApiError {
  return new ApiError(err.code, status, err.message, extra);
}

export function errorCodes(): ReadonlyArray<{ code: string; status: number; zh: string; en: string }> {
  return Object.entries(catalogue).map(([code, [status, zh, en]]) => ({ code, status, zh, en }));
}
