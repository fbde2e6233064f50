// Errors that cross the agent's boundaries (IPC, WebSocket) travel as { code, message: { zh, en } },
// the same shape as @onetrip/domain's TransferableError. Messages say what a person can do.
import { z } from 'zod';

export const AgentError = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/),
  message: z.object({ zh: z.string().min(1).max(500), en: z.string().min(1).max(500) }),
});
export type AgentError = z.infer<typeof AgentError>;

const M = {
  BAD_MESSAGE: ['请求格式不正确，已忽略', 'The request is malformed and was ignored'],
  MESSAGE_TOO_LARGE: ['请求过大，已拒绝', 'The request is too large and was refused'],
  UNKNOWN_METHOD: ['不支持的操作', 'Unknown method'],
  TOO_MANY_REQUESTS: ['请求过多，请稍后再试', 'Too many requests at once; please try again shortly'],
  BAD_PARAMS: ['请求参数不正确', 'The request parameters are invalid'],
  BAD_TOKEN: ['硬件服务口令不正确，请重新启动自助终端', 'Wrong hardware agent token; please restart the kiosk'],
  AUTH_TIMEOUT: ['未及时提供硬件服务口令', 'No hardware agent token was sent in time'],
  NOT_DEMO: ['仅演示模式可用', 'Only available in demo mode'],
  NO_DEVICE: ['设备未配置，请联系工作人员', 'The device is not configured; please ask staff'],
  DEVICE_MISSING: ['设备未连接，请联系工作人员', 'The device is not connected; please ask staff'],
  SCANNER_UNPLUGGED: ['扫码器已断开，请联系工作人员', 'The scanner is disconnected; please ask staff'],
  SCANNER_NOISE: ['扫码器数据异常，请重新扫码', 'The scanner sent unreadable data; please scan again'],
  AGENT_UNAVAILABLE: ['硬件服务暂不可用，正在重新连接', 'The hardware agent is unavailable; reconnecting'],
  TIMEOUT: ['设备响应超时，请重试', 'The device did not answer in time; please try again'],
  INTERNAL: ['硬件服务内部错误，请联系工作人员', 'Internal error in the hardware agent; please ask staff'],
} as const satisfies Record<string, readonly [string, string]>;

export type AgentErrorCode = keyof typeof M;

export function agentError(code: AgentErrorCode, detail?: { zh: string; en: string }): AgentError {
  const [zh, en] = M[code];
  return { code, message: detail ? { zh: `${zh}：${detail.zh}`, en: `${en}: ${detail.en}` } : { zh, en } };
}

/** An expected error thrown inside the agent and answered as { code, message }. */
export class AgentFailure extends Error {
  readonly error: AgentError;
  /** Same fields as DomainError, so screens show `zh` / `en` whatever failed. */
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  constructor(error: AgentError) {
    super(`${error.message.zh} / ${error.message.en}`);
    this.name = 'AgentFailure';
    this.error = error;
    this.code = error.code;
    this.zh = error.message.zh;
    this.en = error.message.en;
  }
}

/** Turn anything thrown into a transferable error (bugs become INTERNAL, details stay in logs). */
export function toAgentError(err: unknown): AgentError {
  if (err instanceof AgentFailure) return err.error;
  // Drivers' expected failures carry their { code, message } on `.error` (PrinterFailure, IdCardFailure …).
  if (typeof err === 'object' && err !== null && 'error' in err) {
    const inner = AgentError.safeParse(err.error);
    if (inner.success) return inner.data;
  }
  if (typeof err === 'object' && err !== null && 'code' in err && 'message' in err) {
    const parsed = AgentError.safeParse(err);
    if (parsed.success) return parsed.data;
    const e = err as { code: unknown; zh?: unknown; en?: unknown; toTransferable?: () => unknown };
    if (typeof e.toTransferable === 'function') {
      const t = AgentError.safeParse(e.toTransferable());
      if (t.success) return t.data;
    }
  }
  return agentError('INTERNAL');
}
