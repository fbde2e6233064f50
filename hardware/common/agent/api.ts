// AgentApi: the one typed API of the hardware agent, the same whether it is served over
// Electron IPC (channels `kiosk:<method>`) or the local WebSocket.
import type { AgentEvent, MethodName, Params, Result } from './protocol';

/** Methods whose params are all optional may be called without them: `agent.health()`. */
export type AgentMethods = {
  [M in MethodName]: Record<string, never> extends Params<M> ? (params?: Params<M>) => Promise<Result<M>> : (params: Params<M>) => Promise<Result<M>>;
};

export interface AgentApi extends AgentMethods {
  /** Card, scan, health and printer-status events. Returns an unsubscribe function. */
  subscribe(listener: (event: AgentEvent) => void): () => void;
}

/** Electron IPC channel names: every channel is prefixed `kiosk:`. */
export const IPC_PREFIX = 'kiosk:';
export const IPC_EVENT_CHANNEL = `${IPC_PREFIX}event`;
export const IPC_SUBSCRIBE_CHANNEL = `${IPC_PREFIX}subscribe`;
export const IPC_UNSUBSCRIBE_CHANNEL = `${IPC_PREFIX}unsubscribe`;
export const ipcChannel = (method: MethodName): string => `${IPC_PREFIX}${method}`;
