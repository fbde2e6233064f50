import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { demoCatalogue, type BlobRef } from '@onetrip/domain';
import { checkChosenFile, FILE_MAX_BYTES, materialsToPhotograph, MAX_PHOTOS, withPhoto } from './photos';

const db = demoCatalogue.find((i) => i.code === 'MZ-DB-01')!;
const ref = (materialCode: string, n = 1): BlobRef => ({ sha256: String(n % 10).repeat(64), mediaType: 'image/jpeg', size: 100, materialCode });

describe('material photos at the desk', () => {
  it('asks for the materials shared data does not replace, or exactly the requested ones', () => {
    expect(materialsToPhotograph(db).map((m) => m.code)).toEqual(['idCard', 'incomeAuthorisation', 'diagnosis', 'applicationForm']);
    expect(materialsToPhotograph(db).find((m) => m.code === 'diagnosis')?.required).toBe(false);
    expect(materialsToPhotograph(db, ['incomeProof']).map((m) => m.code)).toEqual(['incomeProof']);
    expect(materialsToPhotograph(undefined)).toEqual([]);
  });

  it('takes images up to 20 MB and refuses anything else, in both languages', () => {
    expect(checkChosenFile({ type: 'image/png', size: 1000 })).toBeNull();
    expect(checkChosenFile({ type: 'application/pdf', size: 1000 })?.zh).toMatch(/图片/);
    expect(checkChosenFile({ type: 'image/jpeg', size: FILE_MAX_BYTES + 1 })?.en).toMatch(/too large/);
    expect(checkChosenFile({ type: 'image/jpeg', size: 0 })).not.toBeNull();
  });

  it('keeps one photo per material, the latest, and never more than the domain allows (property)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('idCard', 'hukou', 'applicationForm'), fc.nat()), { maxLength: 50 }), (takes) => {
      let refs: BlobRef[] = [];
      for (const [code, n] of takes) refs = withPhoto(refs, ref(code, n));
      const codes = refs.map((r) => r.materialCode);
      expect(new Set(codes).size).toBe(codes.length);
      expect(refs.length).toBeLessThanOrEqual(MAX_PHOTOS);
      const last = takes.at(-1);
      if (last) expect(refs.find((r) => r.materialCode === last[0])?.sha256).toBe(ref(last[0], last[1]).sha256);
    }));
  });
});
