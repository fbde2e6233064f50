// A Server-Sent Events reader over fetch, for many concurrent live streams in one process.
// The event framing is parsed by eventsource-parser; this file only wires it to a fetch body.
import { createParser } from 'eventsource-parser';

export interface SseStream {
  /** Resolves when the stream ends (closed by us or by the server). */
  done: Promise<void>;
  close(): void;
}

export interface SseOptions {
  url: string;
  headers: Record<string, string>;
  onMessage(data: string, event: string | undefined): void;
  connectTimeoutMs?: number;
}

async function pump(body: ReadableStream<Uint8Array>, feed: (text: string) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      feed(decoder.decode(value, { stream: true }));
    }
  } catch (err) {
    if ((err as { name?: string }).name !== 'AbortError') throw err;
  } finally {
    reader.releaseLock();
  }
}

/** Opens a stream and resolves once the server has answered with 200 and the stream is live. */
export async function openSse(opts: SseOptions): Promise<SseStream> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), opts.connectTimeoutMs ?? 60_000);
  let res: Response;
  try {
    res = await fetch(opts.url, { headers: { accept: 'text/event-stream', ...opts.headers }, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    const text = await res.text().catch(() => '');
    throw new Error(`SSE ${opts.url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  const parser = createParser({ onEvent: (ev) => opts.onMessage(ev.data, ev.event) });
  const done = pump(res.body, (text) => parser.feed(text)).catch(() => undefined);
  return { done, close: () => controller.abort() };
}
