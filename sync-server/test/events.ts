import { ulid } from 'ulid';
import type { Principal } from '../src/auth/principal';

let hlcCounter = 0;

/** An HLC string in the domain's format, increasing within the test run. */
export function nextHlc(): string {
  hlcCounter += 1;
  return `${String(Date.now()).padStart(15, '0')}-${String(hlcCounter % 100_000).padStart(5, '0')}-0000abcd`;
}

const levelOf = { kiosk: 'kiosk', villageClerk: 'village', townshipStaff: 'township', cityReviewer: 'city', admin: 'city' } as const;

export function actorOf(who: Pick<Principal, 'id' | 'role' | 'regionCode' | 'departmentCode'>) {
  return { id: who.id, role: who.role, level: levelOf[who.role], regionCode: who.regionCode, ...(who.departmentCode ? { departmentCode: who.departmentCode } : {}) };
}

export interface EventOpts { caseId?: string; regionCode: string; itemCode?: string; deviceId?: string }

/** A `submitted` event for 老年证 (kiosk-allowed, decided by the village). */
export function submitted(who: Principal, o: EventOpts, idNumber = '430182195001011234') {
  return {
    id: ulid(), caseId: o.caseId ?? ulid(), type: 'submitted', itemCode: o.itemCode ?? 'MZ-LNZ-01', regionCode: o.regionCode,
    actor: actorOf(who), deviceId: o.deviceId ?? (who.kind === 'device' ? who.id : 'desk-test'), hlc: nextHlc(), at: new Date().toISOString(),
    payload: { applicant: { name: '张三', idNumber }, form: {}, materials: [], ...(who.siteId ? { siteId: who.siteId } : {}) },
  };
}

export function accepted(who: Principal, base: { caseId: string; regionCode: string; itemCode: string }) {
  return {
    id: ulid(), caseId: base.caseId, type: 'accepted', itemCode: base.itemCode, regionCode: base.regionCode,
    actor: actorOf(who), deviceId: 'desk-test', hlc: nextHlc(), at: new Date().toISOString(), payload: {},
  };
}

export const row = (doc: unknown, assumed: unknown = null) => ({ assumedMasterState: assumed, newDocumentState: doc });
