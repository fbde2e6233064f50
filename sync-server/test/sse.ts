import { PROTOCOL_VERSION } from '../src/protocol';

export interface SseMessage { event: string | null; data: unknown }

/**
 * A minimal Server-Sent Events reader over fetch, for tests: it keeps every message and
 * comment, and lets a test wait for one that matches (no sleeps; a waiter fails on timeout).
 */
export async function openSse(url: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'x-onetrip-protocol': String(PROTOCOL_VERSION) }, signal: controller.signal });
  if (res.status !== 200 || !res.body) throw new Error(`stream: ${res.status} ${await res.text()}`);
  const messages: SseMessage[] = [];
  const comments: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of [...waiters]) w(); };
  const ended = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          parseBlock(buffer.slice(0, cut), messages, comments);
          buffer = buffer.slice(cut + 2);
          notify();
        }
      }
    } catch { /* aborted */ }
    notify();
  })();
  const waitFor = <T>(find: () => T | undefined, what: string, timeoutMs = 5000) => new Promise<T>((resolve, reject) => {
    const check = () => {
      const found = find();
      if (found !== undefined) { cleanup(); resolve(found); }
    };
    const timer = setTimeout(() => { cleanup(); reject(new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(messages)}`)); }, timeoutMs);
    const cleanup = () => { clearTimeout(timer); waiters.delete(check); };
    waiters.add(check);
    check();
  });
  let cursor = 0;
  return {
    messages,
    ended,
    /** The first message after the previous match that satisfies `pred`. */
    async next(pred: (m: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage> {
      const m = await waitFor(() => {
        const i = messages.findIndex((x, idx) => idx >= cursor && pred(x));
        if (i < 0) return undefined;
        cursor = i + 1;
        return messages[i];
      }, 'matching message', timeoutMs);
      return m;
    },
    waitForComment: (text: string) => waitFor(() => comments.find((c) => c.includes(text)), `comment ${text}`),
    close: () => controller.abort(),
  };
}

function parseBlock(block: string, messages: SseMessage[], comments: string[]): void {
  let event: string | null = null;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) comments.push(line.slice(1).trim());
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trim());
  }
  if (data.length > 0) messages.push({ event, data: JSON.parse(data.join('\n')) });
}
