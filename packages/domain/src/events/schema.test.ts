import { describe, expect, it } from 'vitest';
import { CaseEvent } from './schema';
import { applicantPayload, demoActors as a, eventBuilder } from './fixtures';

describe('CaseEvent schema', () => {
  const b = eventBuilder();
  const submitted = b.make('submitted', a.kiosk, applicantPayload());

  it('accepts well-formed events of every kind the fixtures make', () => {
    expect(CaseEvent.safeParse(submitted).success).toBe(true);
    expect(CaseEvent.safeParse(b.make('forwarded', a.clerk, { toLevel: 'township', toRegionCode: '430182104000', note: '' })).success).toBe(true);
    expect(CaseEvent.safeParse(b.make('rated', a.kiosk, { score: 4, reasons: ['态度好'] })).success).toBe(true);
  });

  it('bounds every string and array, and checks the payload of each type', () => {
    const tooLong = { ...submitted, payload: { ...submitted.payload, applicant: { ...submitted.payload.applicant, name: '张'.repeat(51) } } };
    expect(CaseEvent.safeParse(tooLong).success).toBe(false);
    const tooMany = { ...submitted, payload: { ...submitted.payload, materials: Array(31).fill(submitted.payload.materials[0]) } };
    expect(CaseEvent.safeParse(tooMany).success).toBe(false);
    const manyFields = { ...submitted, payload: { ...submitted.payload, form: Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`f${i}`, 1])) } };
    expect(CaseEvent.safeParse(manyFields).success).toBe(false);
    expect(CaseEvent.safeParse({ ...submitted, type: 'rated' }).success).toBe(false);
    expect(CaseEvent.safeParse({ ...submitted, regionCode: '4301821042' }).success).toBe(false);
    expect(CaseEvent.safeParse({ ...submitted, hlc: 'yesterday' }).success).toBe(false);
    expect(CaseEvent.safeParse({ ...b.make('rated', a.kiosk, { score: 4, reasons: [] }), payload: { score: 9, reasons: [] } }).success).toBe(false);
  });
});
