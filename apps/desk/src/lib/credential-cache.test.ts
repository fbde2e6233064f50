import { describe, expect, it } from 'vitest';
import { createCredentialCache, memoryStore, type CachedUser } from './credential-cache';

const user: CachedUser = { id: 'village-430182101201', username: 'village-430182101201', displayName: '龙泉村代办员', role: 'villageClerk', regionCode: '430182101201' };
const key = Uint8Array.from({ length: 32 }, (_, i) => i * 7 % 256);

describe('credential cache (offline sign-in)', () => {
  it('unlocks the replica key with the right password only', async () => {
    const store = memoryStore();
    const cache = createCredentialCache(store, { iterations: 1000 });
    await cache.remember(user, 'onetrip-demo', key);
    expect(cache.has(user.username)).toBe(true);
    const ok = await cache.unlock(user.username, 'onetrip-demo');
    expect(ok?.user).toEqual(user);
    expect(Array.from(ok?.replicaKey ?? [])).toEqual(Array.from(key));
    expect(await cache.unlock(user.username, 'onetrip-dem0')).toBeNull();
    expect(await cache.unlock('village-430182101202', 'onetrip-demo')).toBeNull();
  });

  it('stores neither the password nor the raw key', async () => {
    const store = memoryStore();
    await createCredentialCache(store, { iterations: 1000 }).remember(user, 'onetrip-demo', key);
    const dump = store.dump();
    expect(dump).not.toContain('onetrip-demo');
    expect(dump).not.toContain(btoa(String.fromCharCode(...key)));
  });

  it('uses a fresh salt each time, and refuses a tampered record', async () => {
    const store = memoryStore();
    const cache = createCredentialCache(store, { iterations: 1000 });
    await cache.remember(user, 'pw-one-two', key);
    const first = store.getItem(`onetrip-desk.credential.${user.username}`)!;
    await cache.remember(user, 'pw-one-two', key);
    const second = store.getItem(`onetrip-desk.credential.${user.username}`)!;
    expect(JSON.parse(first).salt).not.toBe(JSON.parse(second).salt);
    const rec = JSON.parse(second) as { wrappedKey: string };
    const bytes = Uint8Array.from(atob(rec.wrappedKey), (c) => c.charCodeAt(0));
    bytes[0] = bytes[0]! ^ 1;
    store.setItem(`onetrip-desk.credential.${user.username}`, JSON.stringify({ ...rec, wrappedKey: btoa(String.fromCharCode(...bytes)) }));
    expect(await cache.unlock(user.username, 'pw-one-two')).toBeNull();
    store.setItem(`onetrip-desk.credential.${user.username}`, '{not json');
    expect(cache.has(user.username)).toBe(false);
  });
});
