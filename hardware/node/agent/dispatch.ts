// One request in, one response out: parse and validate the request, check the method and
// its params, call the agent, and check the result against the method's schema too.
// Anything malformed is answered with an error and reaches no device.
import { agentError, toAgentError, type AgentError } from '../../common/agent/errors';
import type { AgentApi } from '../../common/agent/api';
import { AgentRequest, METHODS, type AgentResponse, type MethodName } from '../../common/agent/protocol';

export function isMethod(name: string): name is MethodName {
  return Object.hasOwn(METHODS, name);
}

function issues(error: { issues: { path: PropertyKey[]; message: string }[] }): { zh: string; en: string } {
  const text = error.issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ').slice(0, 300);
  return { zh: text, en: text };
}

/** Call one method with unvalidated params (shared by the WebSocket and IPC faces). */
export async function callMethod(api: AgentApi, method: string, params: unknown): Promise<{ result: unknown } | { error: AgentError }> {
  if (!isMethod(method)) return { error: agentError('UNKNOWN_METHOD', { zh: method.slice(0, 64), en: method.slice(0, 64) }) };
  const spec = METHODS[method];
  const parsed = spec.params.safeParse(params ?? {});
  if (!parsed.success) return { error: agentError('BAD_PARAMS', issues(parsed.error)) };
  try {
    // The method table ties each name to its params; TypeScript cannot follow that through the
    // union, so the call goes through a loosened signature after validation.
    const fn = api[method] as (p: unknown) => Promise<unknown>;
    const result = await fn.call(api, parsed.data);
    const checked = spec.result.safeParse(result);
    if (!checked.success) {
      console.error(`agent: ${method} returned a result outside its schema`, checked.error.issues);
      return { error: agentError('INTERNAL') };
    }
    return { result: checked.data };
  } catch (err) {
    const error = toAgentError(err);
    if (error.code === 'INTERNAL') console.error(`agent: ${method} failed`, err);
    return { error };
  }
}

/** Handle one decoded JSON value received from a client. */
export async function dispatch(api: AgentApi, raw: unknown): Promise<AgentResponse> {
  const req = AgentRequest.safeParse(raw);
  if (!req.success) {
    const id = typeof raw === 'object' && raw !== null && 'id' in raw && (typeof raw.id === 'string' || typeof raw.id === 'number') ? raw.id : null;
    return { id: typeof id === 'string' ? id.slice(0, 64) : id, error: agentError('BAD_MESSAGE', issues(req.error)) };
  }
  const out = await callMethod(api, req.data.method, req.data.params);
  return { id: req.data.id, ...out };
}
