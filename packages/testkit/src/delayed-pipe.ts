import type { Socket } from 'node:net';

/**
 * Forwards chunks from one socket to another, each after `delay()` milliseconds, in
 * order. With no delay and nothing queued a chunk is written at once and TCP back-pressure
 * is passed on (the source pauses until the destination drains). Node's stream.pipeline
 * cannot hold chunks back by time, hence this small class.
 */
export class DelayedPipe {
  private queue: { chunk: Buffer; due: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ending = false;

  constructor(
    private readonly src: Socket,
    private readonly dst: Socket,
    private readonly delay: () => number,
  ) {}

  push(chunk: Buffer): void {
    const ms = this.delay();
    if (ms <= 0 && this.queue.length === 0) {
      this.write(chunk);
      return;
    }
    this.queue.push({ chunk, due: Date.now() + Math.max(0, ms) });
    this.schedule();
  }

  /** The source ended: end the destination once everything queued has been written. */
  end(): void {
    this.ending = true;
    if (this.queue.length === 0) this.dst.end();
  }

  /** Drops whatever is queued (the connection is being killed). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  private schedule(): void {
    const head = this.queue[0];
    if (this.timer || !head) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.due - Date.now()));
  }

  private flush(): void {
    this.timer = undefined;
    while (this.queue[0] && this.queue[0].due <= Date.now()) this.write(this.queue.shift()!.chunk);
    if (this.queue.length > 0) this.schedule();
    else if (this.ending) this.dst.end();
  }

  private write(chunk: Buffer): void {
    if (this.dst.destroyed) return;
    if (!this.dst.write(chunk)) {
      this.src.pause();
      this.dst.once('drain', () => this.src.resume());
    }
  }
}
