// What the e2e tests read straight from the sync server (Node side): a demo sign-in, and pulls
// as a given account — what the server holds, regardless of what any desk shows.
import { DEMO_PASSWORD } from './stack';

export async function serverToken(serverUrl: string, username: string): Promise<string> {
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

export const apiHeaders = (token: string) => ({ authorization: `Bearer ${token}`, 'x-onetrip-protocol': '1' });

/** Every document of a collection the account may pull (one page of up to 1000). */
export async function pullAll<T = Record<string, unknown>>(serverUrl: string, token: string, collection: string): Promise<T[]> {
  const res = await fetch(`${serverUrl}/api/v1/replication/${collection}/pull?limit=1000`, { headers: apiHeaders(token) });
  if (!res.ok) throw new Error(`pull ${collection}: ${res.status}`);
  return ((await res.json()) as { documents: T[] }).documents;
}
