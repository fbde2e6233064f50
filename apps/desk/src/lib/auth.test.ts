import { describe, expect, it } from 'vitest';
import { signIn, type AuthDeps } from './auth';
import { createCredentialCache, memoryStore } from './credential-cache';
import { LOCK_MS } from './session';

const user = { id: 'township-430182104000', username: 'township-430182104000', displayName: '灰汤镇窗口', role: 'townshipStaff' as const, regionCode: '430182104000' };

/** A fake server: `up` decides whether it answers; the password is onetrip-demo. */
function fakeServer() {
  const state = { up: true, calls: 0 };
  const f = (async (_url: unknown, init?: RequestInit) => {
    state.calls++;
    if (!state.up) throw new TypeError('Failed to fetch');
    const body = JSON.parse(String(init?.body)) as { password: string };
    if (body.password !== 'onetrip-demo') return new Response(JSON.stringify({ code: 'BAD_CREDENTIALS', message: { zh: '用户名或密码错误', en: 'Wrong username or password' } }), { status: 401 });
    return new Response(JSON.stringify({ token: `t${state.calls}`, user }), { status: 200 });
  }) as typeof fetch;
  return { state, fetch: f };
}

function deps(now: { t: number }, server = fakeServer()): AuthDeps & { server: ReturnType<typeof fakeServer> } {
  const store = memoryStore();
  return { serverUrl: 'http://127.0.0.1:1', cache: createCredentialCache(store, { iterations: 1000 }), store, now: () => now.t, fetch: server.fetch, server };
}

describe('desk sign-in', () => {
  it('signs in online, then offline with the same replica key, never offline without a cached verifier', async () => {
    const now = { t: 0 };
    const d = deps(now);
    d.server.state.up = false;
    const none = await signIn(d, user.username, 'onetrip-demo');
    expect(!none.ok && none.error.code).toBe('DESK_OFFLINE_NO_CACHE');
    d.server.state.up = true;
    const online = await signIn(d, user.username, 'onetrip-demo');
    expect(online.ok && online.session.mode).toBe('online');
    expect(online.ok && await online.session.credentials.getToken()).toBe('t2');
    d.server.state.up = false;
    const offline = await signIn(d, user.username, 'onetrip-demo');
    expect(offline.ok && offline.session.mode).toBe('offline');
    if (!online.ok || !offline.ok) throw new Error('unreachable');
    expect(Array.from(offline.session.replicaKey)).toEqual(Array.from(online.session.replicaKey));
    expect(offline.session.dbName).toBe(online.session.dbName);
    expect(offline.session.user).toEqual(user);
  });

  it('locks offline sign-in after five wrong passwords for 15 minutes', async () => {
    const now = { t: 1_000 };
    const d = deps(now);
    expect((await signIn(d, user.username, 'onetrip-demo')).ok).toBe(true);
    d.server.state.up = false;
    for (let i = 0; i < 5; i++) {
      const r = await signIn(d, user.username, 'wrong-password');
      expect(!r.ok && r.error.code).toBe('DESK_BAD_CREDENTIALS');
    }
    const locked = await signIn(d, user.username, 'onetrip-demo');
    expect(!locked.ok && locked.error.code).toBe('DESK_LOCKED');
    expect(!locked.ok && locked.error.message.zh).toContain('15 分钟');
    now.t += LOCK_MS;
    expect((await signIn(d, user.username, 'onetrip-demo')).ok).toBe(true);
  });

  it('passes the server\'s refusal through, with its code and both languages', async () => {
    const d = deps({ t: 0 });
    const r = await signIn(d, user.username, 'nope');
    expect(r).toEqual({ ok: false, error: { code: 'BAD_CREDENTIALS', message: { zh: '用户名或密码错误', en: 'Wrong username or password' } } });
  });
});
