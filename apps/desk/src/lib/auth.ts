// Signing in at a desk: online against the sync server when it answers, else offline against the
// cached verifier (credential-cache.ts), with a local lockout (session.ts). The result carries the
// replica key and the credentials the replica uses (a token online; the password-based sign-in
// offline, so replication signs in by itself when the network returns).
import { passwordCredentials, tokenCredentials, type Credentials } from '@onetrip/replica';
import type { CachedUser, CredentialCache, KeyValueStore } from './credential-cache';
import { checkLockout, initialLockout, recordFailure, recordSuccess, type LockoutState } from './session';
import type { Bilingual } from './i18n';

export interface DeskSession {
  user: CachedUser;
  mode: 'online' | 'offline';
  replicaKey: Uint8Array;
  credentials: Credentials;
  /** The replica's database name: per user and key, so a new key never meets old ciphertext. */
  dbName: string;
}

export interface DeskError { code: string; message: Bilingual }
export type SignInResult = { ok: true; session: DeskSession } | { ok: false; error: DeskError };

export interface AuthDeps {
  serverUrl: string;
  cache: CredentialCache;
  store: KeyValueStore;
  now: () => number;
  fetch?: typeof fetch;
  randomKey?: () => Uint8Array;
}

const err = (code: string, zh: string, en: string): { ok: false; error: DeskError } => ({ ok: false, error: { code, message: { zh, en } } });
const lockKey = (username: string) => `onetrip-desk.lockout.${username}`;

function readLock(store: KeyValueStore, username: string): LockoutState {
  try { return { ...initialLockout, ...(JSON.parse(store.getItem(lockKey(username)) ?? 'null') as LockoutState | null) }; } catch (_bad) { return initialLockout; }
}

async function dbNameFor(username: string, key: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(key)));
  const tag = Array.from(digest.slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('');
  return `onetrip-desk-${username.toLowerCase()}-${tag}`;
}

type Online = { kind: 'ok'; token: string; user: CachedUser } | { kind: 'refused'; error: DeskError } | { kind: 'unreachable' };

async function tryOnline(deps: AuthDeps, username: string, password: string): Promise<Online> {
  const f = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let res: Response;
  try {
    res = await f(new URL('/api/v1/auth/login', deps.serverUrl), {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
  } catch (_network) {
    return { kind: 'unreachable' };
  }
  if (res.status >= 500) return { kind: 'unreachable' };
  const body = (await res.json().catch(() => null)) as { token?: string; user?: CachedUser; code?: string; message?: Bilingual } | null;
  if (res.ok && body?.token && body.user) return { kind: 'ok', token: body.token, user: body.user };
  return { kind: 'refused', error: { code: body?.code ?? `HTTP_${res.status}`, message: body?.message ?? { zh: '登录失败', en: 'Sign-in failed' } } };
}

export async function signIn(deps: AuthDeps, username: string, password: string): Promise<SignInResult> {
  const lock = readLock(deps.store, username);
  const allowed = checkLockout(lock, deps.now());
  if (!allowed.allowed) {
    const minutes = Math.ceil(allowed.retryInMs / 60_000);
    return err('DESK_LOCKED', `登录失败次数过多，请 ${minutes} 分钟后再试`, `Too many failed sign-ins; try again in ${minutes} min`);
  }
  const online = await tryOnline(deps, username, password);
  if (online.kind === 'refused') {
    if (online.error.code === 'BAD_CREDENTIALS') deps.store.setItem(lockKey(username), JSON.stringify(recordFailure(lock, deps.now())));
    return { ok: false, error: online.error };
  }
  if (online.kind === 'ok') {
    const cached = await deps.cache.unlock(username, password);
    const replicaKey = cached?.replicaKey ?? (deps.randomKey ?? (() => crypto.getRandomValues(new Uint8Array(32))))();
    await deps.cache.remember(online.user, password, replicaKey);
    deps.store.setItem(lockKey(username), JSON.stringify(recordSuccess()));
    const refresh = passwordCredentials(deps.serverUrl, username, password, deps.fetch);
    return { ok: true, session: { user: online.user, mode: 'online', replicaKey, credentials: tokenCredentials(online.token, () => refresh.refresh!()), dbName: await dbNameFor(username, replicaKey) } };
  }
  if (!deps.cache.has(username)) {
    return err('DESK_OFFLINE_NO_CACHE', '无法连接服务器，且本机没有该账号的离线登录记录；请联网后登录一次', 'The server cannot be reached and this desk has no offline sign-in for this account; sign in once online');
  }
  const unlocked = await deps.cache.unlock(username, password);
  if (!unlocked) {
    deps.store.setItem(lockKey(username), JSON.stringify(recordFailure(lock, deps.now())));
    return err('DESK_BAD_CREDENTIALS', '用户名或密码错误（离线登录）', 'Wrong username or password (offline sign-in)');
  }
  deps.store.setItem(lockKey(username), JSON.stringify(recordSuccess()));
  return { ok: true, session: {
    user: unlocked.user, mode: 'offline', replicaKey: unlocked.replicaKey,
    credentials: passwordCredentials(deps.serverUrl, username, password, deps.fetch), dbName: await dbNameFor(username, unlocked.replicaKey),
  } };
}
