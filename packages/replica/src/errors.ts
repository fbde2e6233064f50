// Expected errors of the replica, each with a stable code and a message in Chinese and
// English (STYLE.md). Errors from RxDB (codes like DB9, COL23) and from the network are
// mapped here so nothing RxDB-specific crosses into the apps.

export interface ReplicaErrorInfo {
  code: string;
  message: { zh: string; en: string };
}

export class ReplicaError extends Error {
  readonly code: string;
  readonly bilingual: { zh: string; en: string };
  /** The HTTP status and JSON body when the error is the server's answer. */
  status?: number;
  body?: Record<string, unknown>;
  constructor(code: string, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh} / ${en}`, options);
    this.name = 'ReplicaError';
    this.code = code;
    this.bilingual = { zh, en };
  }
  toJSON(): ReplicaErrorInfo {
    return { code: this.code, message: this.bilingual };
  }
}

type Catalogue = Record<string, [zh: string, en: string]>;

/** Every code this package can report, with its bilingual text. */
export const replicaErrors = {
  REPLICA_OFFLINE: ['无法连接服务器，数据已保存在本机，联网后自动同步', 'Cannot reach the server; data is kept on this device and syncs when online'],
  REPLICA_UNAUTHORIZED: ['登录已失效，请重新登录', 'The sign-in has expired; please sign in again'],
  REPLICA_FORBIDDEN: ['无权执行此操作', 'Not allowed to do this'],
  REPLICA_PROTOCOL_TOO_OLD: ['本机软件版本过旧，请更新后再同步', 'This software is too old to sync; please update it'],
  REPLICA_BUSY: ['服务器繁忙，数据已保存在本机，稍后自动同步', 'The server is busy; data is kept on this device and syncs shortly'],
  REPLICA_SERVER_ERROR: ['服务器暂时出错，稍后自动重试', 'The server had an error; retrying later'],
  REPLICA_BAD_RESPONSE: ['服务器返回的数据无法识别', 'The server answered with data that cannot be read'],
  REPLICA_DECRYPT_FAILED: ['本机数据无法解密，密钥可能不正确', 'Local data cannot be decrypted; the key may be wrong'],
  REPLICA_BAD_KEY: ['加密密钥无效（需要 256 位 AES 密钥）', 'Invalid encryption key (a 256-bit AES key is required)'],
  REPLICA_DATABASE_CLOSED: ['本地数据库已关闭', 'The local database is closed'],
  REPLICA_TOO_MANY_COLLECTIONS: ['本机同时打开的数据集合过多', 'Too many local collections are open at once'],
  REPLICA_SCHEMA_MISMATCH: ['本地数据版本与软件不一致，需要迁移', 'Local data has another schema version and needs a migration'],
  REPLICA_MIGRATION_FAILED: ['本地数据升级失败', 'Upgrading the local data failed'],
  REPLICA_OPEN_ELSEWHERE: ['本机数据已在另一个标签页或窗口中打开，请关闭它后重试', 'The local data is open in another tab or window; close it and try again'],
  REPLICA_STORAGE_FAILED: ['本地存储出错', 'Local storage failed'],
  REPLICA_NOT_FOUND: ['找不到该记录', 'Record not found'],
  REPLICA_INVALID_INPUT: ['输入的数据不符合要求', 'The input is not valid'],
  REPLICA_BLOB_MISMATCH: ['文件校验失败（SHA-256 不一致）', 'File check failed (SHA-256 mismatch)'],
  REPLICA_BLOB_TOO_LARGE: ['文件过大', 'The file is too large'],
  REPLICA_UNKNOWN: ['发生未知错误', 'An unknown error occurred'],
} as const satisfies Catalogue;

export type ReplicaErrorCode = keyof typeof replicaErrors;

export function replicaError(code: ReplicaErrorCode, cause?: unknown, detail?: string): ReplicaError {
  const [zh, en] = replicaErrors[code];
  return new ReplicaError(code, detail ? `${zh}（${detail}）` : zh, detail ? `${en} (${detail})` : en, { cause });
}

/** RxDB error codes we expect in operation, mapped to our own codes. */
const rxdbCodes: Record<string, ReplicaErrorCode> = {
  COL23: 'REPLICA_TOO_MANY_COLLECTIONS',
  DB9: 'REPLICA_STORAGE_FAILED', // database with that name already open in this process
  DB6: 'REPLICA_SCHEMA_MISMATCH', // stored schema differs from the one in code
  DM4: 'REPLICA_MIGRATION_FAILED',
  DM5: 'REPLICA_MIGRATION_FAILED',
  COL10: 'REPLICA_INVALID_INPUT',
  COL20: 'REPLICA_STORAGE_FAILED',
  CONFLICT: 'REPLICA_INVALID_INPUT',
  VD2: 'REPLICA_INVALID_INPUT',
  SNH: 'REPLICA_STORAGE_FAILED',
};

function isRxError(error: unknown): error is { code: string; rxdb: true; message: string } {
  return typeof error === 'object' && error !== null && (error as { rxdb?: unknown }).rxdb === true;
}

/** Turns anything thrown into a ReplicaError with a stable code. */
export function toReplicaError(error: unknown): ReplicaError {
  if (error instanceof ReplicaError) return error;
  if (isRxError(error)) {
    const code = rxdbCodes[error.code] ?? (error.code.startsWith('RC') ? 'REPLICA_OFFLINE' : 'REPLICA_STORAGE_FAILED');
    return replicaError(code, error, `RxDB ${error.code}`);
  }
  if (typeof error === 'object' && error !== null && (error as { name?: string }).name === 'AbortError') {
    return replicaError('REPLICA_OFFLINE', error);
  }
  if (error instanceof TypeError) return replicaError('REPLICA_OFFLINE', error); // fetch network failure
  return replicaError('REPLICA_UNKNOWN', error);
}
