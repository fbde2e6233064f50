// Shared test fixtures (Node-side tests only): demo actors of 灰汤镇 and command contexts
// with deterministic ids and clocks.
import { createHlc, createIdFactory, idCheckChar } from '@onetrip/domain';
import type { Actor } from '@onetrip/domain';
import type { CommandContext } from '../commands';

export const actors = {
  kiosk: { id: 'kiosk-ht-24h', role: 'kiosk', level: 'kiosk', regionCode: '430182104000' },
  clerk: { id: 'clerk-wenquan', role: 'villageClerk', level: 'village', regionCode: '430182104201' },
  clerk2: { id: 'clerk-wenquan-2', role: 'villageClerk', level: 'village', regionCode: '430182104201' },
  otherClerk: { id: 'clerk-jinfeng', role: 'villageClerk', level: 'village', regionCode: '430182104203' },
  staff: { id: 'staff-huitang', role: 'townshipStaff', level: 'township', regionCode: '430182104000' },
} satisfies Record<string, Actor>;

export const idNumber = (body17 = '43018219450307123'): string => body17 + idCheckChar(body17);

export function commandContext(actor: Actor, deviceId: string, clock: { now: number } = { now: Date.UTC(2026, 10, 2, 1) }): CommandContext {
  let seed = deviceId.length;
  const random = (n: number) => new Uint8Array(n).map(() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) & 0xff);
  return {
    actor, deviceId,
    newId: createIdFactory({ deviceId, now: () => clock.now, random }),
    hlc: createHlc({ nodeId: deviceId, now: () => clock.now }),
    nowIso: () => new Date(clock.now).toISOString(),
  };
}

/** A 特困供养 application: decided at the township, so the township's approve step is one the domain allows. */
export const submission = () => ({
  itemCode: 'MZ-TK-01', regionCode: '430182104201', proxy: true,
  applicant: { name: '周桂英', idNumber: idNumber(), phone: '13800000000', address: '宁乡市灰汤镇温泉村' },
  form: { reason: '丈夫去世,无固定收入' },
  materials: [],
});
