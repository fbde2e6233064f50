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
  const random = options.random ?? Math.random;
  const links = new Set<Link>();
  const state = { cut: false, delay: 0, dropRate: 0 };
  const dropNow = (): boolean => state.dropRate > 0 && random() < state.dropRate;

  const kill = (link: Link): void => {
    if (!links.delete(link)) return;
    for (const pipe of link.pipes) pipe.stop();
    link.client.resetAndDestroy();
    link.upstream.resetAndDestroy();
  };
  const server = createServer({ allowHalfOpen: true }, (client) => {
    if (state.cut || dropNow()) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect({ host: options.target.host, port: options.target.port, allowHalfOpen: true });
    const link: Link = { client, upstream, pipes: [] };
    links.add(link);
    const hooks: WireHooks = {
      delay: () => state.delay,
      drop: () => {
        if (!dropNow()) return false;
        kill(link);
        return true;
      },
      broken: () => kill(link),
      bothClosed: () => client.destroyed && upstream.destroyed,
    };
    link.pipes = [wire(client, upstream, hooks), wire(upstream, client, hooks)];
  });
  const port = await listen(server, options.listenPort ?? 0);
  let closed: Promise<void> | undefined;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    cut: () => {
      state.cut = true;
      for (const link of [...links]) kill(link);
    },
    restore: () => {
      state.cut = false;
    },
    setDelay: (ms) => {
      state.delay = checked('delay', ms, 0, Number.MAX_SAFE_INTEGER);
    },
    setDropRate: (p) => {
      state.dropRate = checked('drop rate', p, 0, 1);
    },
    connections: () => links.size,
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        state.cut = true;
        for (const link of [...links]) kill(link);
        server.close(() => resolve());
      });
      return closed;
    },
  };
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
