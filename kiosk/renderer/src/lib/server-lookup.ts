// The sync server's kiosk lookup (POST /api/v1/kiosk/lookup, see docs/api.md) as the kiosk calls
// it: with the device's token, bounded in time, and with the answer checked against a schema
// before a screen sees it. A server that cannot be reached is "offline", not an error: the
// lookup screen then says what the kiosk itself knows.
import { z } from 'zod';
import { CaseStatus, Ulid } from '@onetrip/domain';

const Text = z.object({ zh: z.string().max(200), en: z.string().max(400) });

export const ServerCaseView = z.object({
  caseId: Ulid,
  caseNumber: z.string().max(40),
  regionCode: z.string().regex(/^\d{12}$/),
  item: z.object({ code: z.string().max(32), name: Text.nullable() }),
  status: CaseStatus,
  statusText: Text,
  level: z.string().max(20),
  submittedAt: z.string().max(40),
  acceptedAt: z.string().max(40).nullable(),
  updatedAt: z.string().max(40),
  deadline: z.string().max(10).nullable(),
  rated: z.boolean(),
  mayRate: z.boolean(),
});
export type ServerCaseView = z.infer<typeof ServerCaseView>;
const Answer = z.object({ cases: z.array(ServerCaseView).max(50) });

export type LookupQuery = { by: 'receipt'; caseId: string; checkCode: string } | { by: 'card'; idNumber: string };
export type ServerAnswer = { kind: 'answered'; cases: ServerCaseView[] } | { kind: 'offline' };

export interface ServerLookupOptions {
  serverUrl: string;
  token: string;
  fetch: typeof fetch;
  /** How long to wait for the server before saying the network is down (default 8 s). */
  timeoutMs?: number;
}

const refusedAnswer = { code: 'LOOKUP_BAD_ANSWER', message: { zh: '服务器的回答无法识别，请到窗口查询', en: 'The server answered something unexpected; please ask at a desk' } };

/** Asks the server; `answered` with no cases when it has none the kiosk may see, `offline` when it cannot be reached. */
export function createServerLookup(opts: ServerLookupOptions): (query: LookupQuery) => Promise<ServerAnswer> {
  const url = `${opts.serverUrl.replace(/\/+$/, '')}/api/v1/kiosk/lookup`;
  return async (query) => {
    let res: Response;
    try {
      res = await opts.fetch(url, {
        method: 'POST', body: JSON.stringify(query), signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
      });
    } catch {
      return { kind: 'offline' };
    }
    if (res.status >= 500) return { kind: 'offline' };
    const body: unknown = await res.json().catch(() => null);
    if (res.status === 404 && (body as { code?: unknown } | null)?.code === 'LOOKUP_NOT_FOUND') return { kind: 'answered', cases: [] };
    if (!res.ok) {
      const e = body as { code?: unknown; message?: { zh?: unknown; en?: unknown } } | null;
      throw typeof e?.code === 'string' && typeof e.message?.zh === 'string' && typeof e.message.en === 'string'
        ? { code: e.code, message: { zh: e.message.zh, en: e.message.en } } : refusedAnswer;
    }
    const parsed = Answer.safeParse(body);
    if (!parsed.success) throw refusedAnswer;
    return { kind: 'answered', cases: parsed.data.cases };
  };
}
