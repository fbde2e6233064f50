import { createIdFactory } from '../ids';
import { formatHlc, nodeTagOf } from '../hlc';
import { idCheckChar } from '../id-number';
import type { Actor, CaseEvent, CaseEventOf, CaseEventType } from './schema';

/**
 * Builders for case events in tests (here and in other workspaces' tests): deterministic
 * ids and clocks, demo actors of 灰汤镇. Not used by production code.
 */
export const demoActors = {
  kiosk: { id: 'kiosk-ht-24h', role: 'kiosk', level: 'kiosk', regionCode: '430182104000' },
  clerk: { id: 'clerk-wenquan', role: 'villageClerk', level: 'village', regionCode: '430182104201' },
  clerk2: { id: 'clerk-wenquan-2', role: 'villageClerk', level: 'village', regionCode: '430182104201' },
  otherClerk: { id: 'clerk-jinfeng', role: 'villageClerk', level: 'village', regionCode: '430182104203' },
  staff: { id: 'staff-huitang', role: 'townshipStaff', level: 'township', regionCode: '430182104000' },
  staff2: { id: 'staff-huitang-2', role: 'townshipStaff', level: 'township', regionCode: '430182104000' },
  reviewer: { id: 'reviewer-mz', role: 'cityReviewer', level: 'city', regionCode: '430182000000', departmentCode: 'civilAffairs' },
  admin: { id: 'admin', role: 'admin', level: 'city', regionCode: '430182000000' },
} satisfies Record<string, Actor>;

export const demoIdNumber = (body17 = '43018219450307123'): string => body17 + idCheckChar(body17);

export interface EventBuilder {
  caseId: string;
  make<T extends CaseEventType>(type: T, actor: Actor, payload: CaseEventOf<T>['payload'], opts?: { deviceId?: string; wall?: number }): CaseEventOf<T>;
}

/** Events of one case; each call advances a logical clock by one minute unless `wall` is given. */
export function eventBuilder(opts: { itemCode?: string; regionCode?: string; start?: number } = {}): EventBuilder {
  let clock = opts.start ?? Date.UTC(2026, 2, 2, 1, 0, 0);
  let seed = 1;
  const ids = createIdFactory({ deviceId: 'fixtures', now: () => clock, random: (n) => new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff) });
  const caseId = ids();
  return {
    caseId,
    make(type, actor, payload, o = {}) {
      clock = o.wall ?? clock + 60_000;
      const deviceId = o.deviceId ?? `dev-${actor.id}`;
      return {
        id: ids(), caseId, type, itemCode: opts.itemCode ?? 'MZ-DB-01', regionCode: opts.regionCode ?? '430182104201',
        actor, deviceId, hlc: formatHlc({ wall: clock, counter: 0, node: nodeTagOf(deviceId) }), at: new Date(clock).toISOString(), payload,
      } as CaseEventOf<typeof type> as CaseEvent as CaseEventOf<typeof type>;
    },
  };
}

export const applicantPayload = (): CaseEventOf<'submitted'>['payload'] => ({
  applicant: { name: '周桂英', idNumber: demoIdNumber(), phone: '13800000000', address: '宁乡市灰汤镇温泉村' },
  form: { householdSize: 2, monthlyIncome: 800, reason: '丈夫去世,无固定收入' },
  materials: [{ sha256: 'a'.repeat(64), mediaType: 'image/jpeg', size: 120_000, materialCode: 'incomeAuthorisation' }],
});
