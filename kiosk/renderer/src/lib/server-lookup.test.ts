import { describe, expect, it } from 'vitest';
import { createServerLookup } from './server-lookup';

const caseId = '01JDQ7Z8K9M2N3P4Q5R6S7T8V9';
const view = {
  caseId, caseNumber: '430182-20261127-S7T8V9', regionCode: '430182101201', item: { code: 'MZ-LNZ-01', name: null },
  status: 'completed', statusText: { zh: '已办结', en: 'completed' }, level: 'village', submittedAt: '2026-11-27T01:00:00.000Z',
  acceptedAt: null, updatedAt: '2026-11-27T02:00:00.000Z', deadline: null, rated: false, mayRate: true,
};

function lookupAnswering(answer: () => Promise<Response>) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetch = (async (url: string, init?: RequestInit) => { calls.push({ url, init }); return answer(); }) as typeof globalThis.fetch;
  return { ask: createServerLookup({ serverUrl: 'http://127.0.0.1:7070/', token: 'device-token', fetch }), calls };
}
const json = (status: number, body: unknown) => async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the server lookup as the kiosk calls it', () => {
  it('posts the query with the device token and keeps only the view\'s fields', async () => {
    const { ask, calls } = lookupAnswering(json(200, { cases: [{ ...view, applicant: { name: '周秀英' } }] }));
    const answer = await ask({ by: 'receipt', caseId, checkCode: 'K7M2X9Q4PD' });
    expect(answer).toEqual({ kind: 'answered', cases: [view] });
    expect(calls[0]?.url).toBe('http://127.0.0.1:7070/api/v1/kiosk/lookup');
    expect(calls[0]?.init?.method).toBe('POST');
    expect((calls[0]?.init?.headers as Record<string, string>).authorization).toBe('Bearer device-token');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual({ by: 'receipt', caseId, checkCode: 'K7M2X9Q4PD' });
  });

  it('treats "not found" as an empty answer, an unreachable or failing server as offline', async () => {
    expect(await lookupAnswering(json(404, { code: 'LOOKUP_NOT_FOUND', message: { zh: '没有', en: 'none' } })).ask({ by: 'card', idNumber: '430182195603120427' })).toEqual({ kind: 'answered', cases: [] });
    expect(await lookupAnswering(async () => { throw new TypeError('fetch failed'); }).ask({ by: 'card', idNumber: '430182195603120427' })).toEqual({ kind: 'offline' });
    expect(await lookupAnswering(json(503, { code: 'UNAVAILABLE' })).ask({ by: 'card', idNumber: '430182195603120427' })).toEqual({ kind: 'offline' });
  });

  it('passes on a refusal in both languages, and refuses an answer of the wrong shape', async () => {
    await expect(lookupAnswering(json(429, { code: 'RATE_LIMITED', message: { zh: '请求过于频繁', en: 'Too many' } })).ask({ by: 'card', idNumber: '430182195603120427' }))
      .rejects.toEqual({ code: 'RATE_LIMITED', message: { zh: '请求过于频繁', en: 'Too many' } });
    await expect(lookupAnswering(json(200, { cases: [{ ...view, status: 'lost' }] })).ask({ by: 'card', idNumber: '430182195603120427' }))
      .rejects.toMatchObject({ code: 'LOOKUP_BAD_ANSWER' });
    await expect(lookupAnswering(async () => new Response('<html>', { status: 200 })).ask({ by: 'card', idNumber: '430182195603120427' }))
      .rejects.toMatchObject({ code: 'LOOKUP_BAD_ANSWER' });
  });
});
