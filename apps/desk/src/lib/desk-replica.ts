// Opens the signed-in user's replica in IndexedDB: the role's collections, its scope, and a
// command context that names this user as the actor and this browser as the device.
import { createHlc, createIdFactory, roleLevel, type Actor, type Role } from '@onetrip/domain';
import { openReplica, type Replica } from '@onetrip/replica';
import { browserSealer, browserStorage } from '@onetrip/replica/browser';
import type { DeskSession } from './auth';
import type { KeyValueStore } from './credential-cache';

export type DeskRole = Extract<Role, 'villageClerk' | 'townshipStaff' | 'cityReviewer'>;
export const deskRoles: readonly DeskRole[] = ['villageClerk', 'townshipStaff', 'cityReviewer'];

/** One id per browser profile, so events made here are told apart from other desks' (fork detection). */
export function deskDeviceId(store: KeyValueStore): string {
  const existing = store.getItem('onetrip-desk.deviceId');
  if (existing) return existing;
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  const id = `desk-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  store.setItem('onetrip-desk.deviceId', id);
  return id;
}

export function actorOf(session: DeskSession): Actor {
  const u = session.user;
  return { id: u.id, role: u.role, level: roleLevel[u.role], regionCode: u.regionCode, ...(u.departmentCode ? { departmentCode: u.departmentCode } : {}) };
}

/**
 * The collections a desk opens. Each pulled collection with a live SSE stream holds one of the
 * 6 HTTP/1.1 connections a browser allows per server, shared by every tab of the profile: with
 * all of a staff role's streams open, every other request (pushes, blobs, reveal) would queue
 * forever. So only case events and tickets stream (2 per tab); items and regions (the names
 * shown) are pulled at sign-in and again every `catalogueRefreshMs`; users and ratings stay on
 * the server.
 */
export const deskCollections = ['caseEvents', 'cases', 'blobs', 'tickets', 'auditLog', 'items', 'regions'] as const;
export const deskStreams = ['caseEvents', 'tickets'] as const;
export const CATALOGUE_REFRESH_MS = 60_000;

/** The refresh interval from the desk's config, kept between 1 s and 1 h. */
export function catalogueRefreshMs(configured: unknown): number {
  return typeof configured === 'number' && Number.isFinite(configured) ? Math.min(3_600_000, Math.max(1_000, Math.round(configured))) : CATALOGUE_REFRESH_MS;
}

export async function openDeskReplica(session: DeskSession, serverUrl: string, store: KeyValueStore, refreshMs = CATALOGUE_REFRESH_MS): Promise<Replica> {
  const deviceId = deskDeviceId(store);
  const actor = actorOf(session);
  const u = session.user;
  return openReplica({
    role: u.role,
    scope: { regionCode: u.regionCode, deviceId, userId: u.id, ...(u.departmentCode ? { departmentCode: u.departmentCode } : {}), ...(u.siteId ? { siteId: u.siteId } : {}) },
    serverUrl,
    credentials: session.credentials,
    encryptionKey: session.replicaKey,
    storage: browserStorage(),
    // personal fields are sealed and opened in a Worker, off the screen's thread
    sealer: browserSealer(),
    name: session.dbName,
    collections: [...deskCollections],
    streams: [...deskStreams],
    pollMs: refreshMs,
    commandContext: {
      actor, deviceId,
      newId: createIdFactory({ deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) }),
      hlc: createHlc({ nodeId: deviceId, now: () => Date.now() }),
      nowIso: () => new Date().toISOString(),
    },
  });
}

type Bi = { zh: string; en: string };
/** Turns anything thrown by a command or the server into `{ code, message: { zh, en } }` for the screen. */
export function toDeskError(error: unknown): { code: string; message: Bi } {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; zh?: string; en?: string; bilingual?: Bi; toTransferable?: () => { code: string; message: Bi } };
  if (typeof e.toTransferable === 'function') return e.toTransferable();
  if (typeof e.code === 'string') {
    if (e.bilingual) return { code: e.code, message: e.bilingual };
    if (typeof e.zh === 'string' && typeof e.en === 'string') return { code: e.code, message: { zh: e.zh, en: e.en } };
    if (e.message && typeof e.message === 'object' && 'zh' in e.message) return { code: e.code, message: e.message as Bi };
  }
  return { code: 'DESK_UNEXPECTED', message: { zh: '操作失败，请重试', en: 'The action failed; please try again' } };
}
