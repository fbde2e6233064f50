import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateIdNumber } from '@onetrip/domain';
import { kioskSubmitter, submittedEvent, syntheticIdNumber } from './events';

const place = { regionCode: '430182101201', siteId: 'site-430182101201', itemCode: 'MZ-001', form: { householdSize: 3 }, materialCodes: ['idCardCopy', 'incomeProof'] };
let counter = 0;
const clocks = { newId: () => `ID${String(counter++).padStart(24, '0')}`, hlcNow: () => '001764000000000-00000-0a1b2c3d', isoNow: () => '2026-11-27T20:00:00.000Z' };

describe('synthetic applicants', () => {
  it('makes ID numbers in the region that the domain accepts', () => {
    fc.assert(fc.property(fc.nat({ max: 10_000_000 }), (n) => {
      const id = syntheticIdNumber(place.regionCode, n);
      const checked = validateIdNumber(id, { today: '2026-11-27' });
      expect(checked.ok, `${id}: ${JSON.stringify(checked)}`).toBe(true);
      expect(id.slice(0, 6)).toBe('430182');
    }));
  });
});

describe('submittedEvent', () => {
  it('starts a new case per event, by the kiosk, with one photo per required material', () => {
    const who = kioskSubmitter('dev-1', place);
    const a = submittedEvent(who, clocks, 1);
    const b = submittedEvent(who, clocks, 2);
    expect(a.caseId).not.toBe(b.caseId);
    expect(a.id).not.toBe(b.id);
    expect(a).toMatchObject({ type: 'submitted', itemCode: 'MZ-001', regionCode: place.regionCode, deviceId: 'dev-1',
      actor: { id: 'dev-1', role: 'kiosk', level: 'kiosk', regionCode: place.regionCode }, payload: { siteId: place.siteId, form: { householdSize: 3 } } });
    const materials = (a.payload as { materials: { sha256: string; materialCode: string }[] }).materials;
    expect(materials.map((m) => m.materialCode)).toEqual(['idCardCopy', 'incomeProof']);
    expect(new Set(materials.map((m) => m.sha256)).size).toBe(2);
    for (const m of materials) expect(m.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps every document about the same size, as a real submission', () => {
    const who = kioskSubmitter('dev-1', place);
    const sizes = [0, 1, 999, 123_456].map((n) => JSON.stringify(submittedEvent(who, clocks, n)).length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThan(40);
    expect(Math.min(...sizes)).toBeGreaterThan(600);
  });
});
