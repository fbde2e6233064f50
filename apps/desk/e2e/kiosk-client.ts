// A kiosk as the server sees it, for desk tests: enrolled with the demo one-time code, then an
// application pushed as the kiosk's `submitted` case event — what the kiosk app itself sends.
import { generateKeyPairSync } from 'node:crypto';
import { CaseEvent, createHlc, createIdFactory } from '@onetrip/domain';
import { demoIdNumber } from '@onetrip/domain/testing';

export interface EnrolledKiosk { deviceId: string; token: string; siteId: string; regionCode: string }

export async function enrollKiosk(serverUrl: string, code: string): Promise<EnrolledKiosk> {
  const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const res = await fetch(`${serverUrl}/api/v1/devices/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, name: 'desk e2e kiosk', publicKey }) });
  if (!res.ok) throw new Error(`enroll: ${res.status} ${await res.text()}`);
  return (await res.json()) as EnrolledKiosk;
}

/** Pushes a kiosk application for `itemCode` from a villager of `villageCode`; returns the case id. */
export async function kioskApply(serverUrl: string, kiosk: EnrolledKiosk, itemCode: string, villageCode: string): Promise<string> {
  const newId = createIdFactory({ deviceId: kiosk.deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) });
  const hlc = createHlc({ nodeId: kiosk.deviceId, now: () => Date.now() });
  const caseId = newId();
  const event = CaseEvent.parse({
    id: newId(), caseId, itemCode, regionCode: villageCode, type: 'submitted',
    actor: { id: kiosk.deviceId, role: 'kiosk', level: 'kiosk', regionCode: kiosk.regionCode },
    deviceId: kiosk.deviceId, hlc: hlc.now(), at: new Date().toISOString(),
    payload: { applicant: { name: '周秀英', idNumber: demoIdNumber('43018219560312042'), phone: '13800000001' }, form: {}, materials: [], siteId: kiosk.siteId },
  });
  const res = await fetch(`${serverUrl}/api/v1/replication/caseEvents/push`, {
    method: 'POST', headers: { authorization: `Bearer ${kiosk.token}`, 'x-onetrip-protocol': '1', 'content-type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: { ...event, _deleted: false } }]),
  });
  const conflicts = (await res.json()) as unknown[];
  if (!res.ok || conflicts.length > 0) throw new Error(`push: ${res.status} ${JSON.stringify(conflicts)}`);
  return caseId;
}

/** Pushes a queue ticket taken at the kiosk's site today (China date). */
export async function kioskTicket(serverUrl: string, kiosk: EnrolledKiosk, number: number): Promise<string> {
  const newId = createIdFactory({ deviceId: kiosk.deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) });
  const now = new Date();
  const day = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const ticket = { id: newId(), siteId: kiosk.siteId, regionCode: kiosk.regionCode, day, number, status: 'waiting', createdAt: now.toISOString(), deviceId: kiosk.deviceId, _deleted: false };
  const res = await fetch(`${serverUrl}/api/v1/replication/tickets/push`, {
    method: 'POST', headers: { authorization: `Bearer ${kiosk.token}`, 'x-onetrip-protocol': '1', 'content-type': 'application/json' },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: ticket }]),
  });
  const conflicts = (await res.json()) as unknown[];
  if (!res.ok || conflicts.length > 0) throw new Error(`ticket push: ${res.status} ${JSON.stringify(conflicts)}`);
  return ticket.id;
}
