/**
 * A TCP proxy on 127.0.0.1 that breaks the network on command, so tests can show that
 * replication, SSE streams and uploads survive real failures: cut every connection (and
 * refuse new ones), slow every chunk down, or kill connections at random. It works at the
 * TCP level, so it serves HTTP, long-lived SSE and WebSocket alike.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { DelayedPipe } from './delayed-pipe';
import { TestkitError } from './errors';

export interface FaultProxyOptions {
  target: { host: string; port: number };
  /** Port to listen on; default a free one chosen by the kernel. */
  listenPort?: number;
  /** Random source in [0, 1) for `setDropRate`; inject a fixed sequence in tests. */
  random?: () => number;
}

export interface FaultProxy {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Resets every live connection and refuses new ones until `restore()`. */
  cut(): void;
  restore(): void;
  /** Holds every chunk, in both directions, this long before passing it on. */
  setDelay(ms: number): void;
  /** Each new connection and each chunk kills its connection with probability `p`. */
  setDropRate(p: number): void;
  /** Live proxied connections. */
  connections(): number;
  /** Resets every connection and stops listening. Safe to call twice. */
  close(): Promise<void>;
}

interface Link {
  client: Socket;
  upstream: Socket;
  pipes: DelayedPipe[];
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const faults = new Faults(options.target, options.random ?? Math.random);
  const server = createServer({ allowHalfOpen: true }, (client) => faults.accept(client));
  const port = await listen(server, options.listenPort ?? 0);
  let closed: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut: () => faults.cut(),
    restore: () => {
      faults.isCut = false;
    },
    setDelay: (ms) => {
      faults.delay = checked('delay', ms, 0, Number.MAX_SAFE_INTEGER);
    },
    setDropRate: (p) => {
      faults.dropRate = checked('drop rate', p, 0, 1);
    },
    connections: () => faults.links.size,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        faults.cut();
        server.close(() => resolve());
      });
      return closed;
    },
  };
}

/** The proxy's state and its live links, and what happens to each accepted connection. */
class Faults {
  readonly links = new Set<Link>();
  isCut = false;
  delay = 0;
  dropRate = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly random: () => number,
  ) {}

  accept(client: Socket): void {
    client.on('error', () => undefined); // a refused client may still report its reset
    if (this.isCut || this.dropNow()) {
      abort(client);
      return;
    }
    const upstream = connect({ host: this.target.host, port: this.target.port, allowHalfOpen: true });
    const link: Link = { client, upstream, pipes: [] };
    this.links.add(link);
    const hooks: WireHooks = {
      delay: () => this.delay,
      drop: () => {
        if (!this.dropNow()) return false;
        this.kill(link);
        return true;
      },
      broken: () => this.kill(link),
      bothClosed: () => client.destroyed && upstream.destroyed,
    };
    link.pipes = [wire(client, upstream, hooks), wire(upstream, client, hooks)];
  }

  cut(): void {
    this.isCut = true;
    for (const link of [...this.links]) this.kill(link);
  }

  private dropNow(): boolean {
    return this.dropRate > 0 && this.random() < this.dropRate;
  }

  /** Resets both sides (the peer sees ECONNRESET, as when a mobile link dies). */
  private kill(link: Link): void {
    if (!this.links.delete(link)) return;
    for (const pipe of link.pipes) pipe.stop();
    abort(link.client);
    abort(link.upstream);
  }
}

/**
 * Ends a socket with a TCP reset where the kernel allows it. A reset is refused on a socket
 * whose writing side we already shut down (`end()`): libuv then reports EINVAL and the handle
 * stays open for good, so such a socket (and one still connecting) is simply destroyed.
 */
function abort(socket: Socket): void {
  if (socket.destroyed) return;
  if (socket.writableEnded || socket.connecting) socket.destroy();
  else socket.resetAndDestroy();
}

interface WireHooks {
  delay(): number;
  /** Decides whether this chunk kills the connection (and kills it); true when it did. */
  drop(): boolean;
  broken(): void;
  bothClosed(): boolean;
}

/** Forwards src → dst through a delayed pipe and decides what a close of src means. */
function wire(src: Socket, dst: Socket, hooks: WireHooks): DelayedPipe {
  const pipe = new DelayedPipe(src, dst, hooks.delay);
  let ended = false;
  src.on('data', (chunk: Buffer) => {
    if (!hooks.drop()) pipe.push(chunk);
  });
  src.on('end', () => {
    ended = true;
    pipe.end();
  });
  // An error, or a close without a clean end, is a broken connection: break the other side too.
  src.on('error', () => hooks.broken());
  src.on('close', () => {
    if (!ended || hooks.bothClosed()) hooks.broken();
  });
  return pipe;
}

function checked(what: string, value: number, min: number, max: number): number {
  if (Number.isFinite(value) && value >= min && value <= max) return value;
  throw new TestkitError('TESTKIT_PROXY_BAD_SETTING', {
    zh: `故障代理参数无效：${what} = ${value}（应在 ${min} 到 ${max} 之间）`,
    en: `invalid fault proxy setting: ${what} = ${value} (must be between ${min} and ${max})`,
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
