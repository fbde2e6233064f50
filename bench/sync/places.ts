// Where the benchmark's kiosks stand and what they submit, taken from the domain's demo county
// and catalogue so every event passes the server's schema and permission checks. Also the
// clocks (the domain's device-tagged ULID factory and hybrid logical clock) each kiosk uses.
import { webcrypto } from 'node:crypto';
import { createHlc, createIdFactory, demoCatalogue, demoRegions, type Item } from '@onetrip/domain';
import { syntheticIdNumber, type Clocks, type KioskPlace } from './events';

type FormField = Item['formFields'][number];

function sampleValue(field: FormField, regionCode: string): string | number | boolean {
  switch (field.type) {
    case 'number': case 'amount': return Math.max(field.min ?? 1, Math.min(field.max ?? 1000, 3));
    case 'date': return '2026-01-15';
    case 'select': return field.options?.[0]?.value ?? '';
    case 'idNumber': return syntheticIdNumber(regionCode, 7);
    case 'phone': return '13800000000';
    case 'boolean': return true;
    case 'bankAccount': return '6222020200112233445';
    case 'text': case 'textarea': return '基本生活困难,申请救助'.slice(0, field.maxLength ?? 40);
  }
}

/** The first item a kiosk may take, with a plausible value for each form field. */
export function kioskItem(): Item {
  const item = demoCatalogue.find((i) => i.kioskAllowed);
  if (!item) throw new Error('the demo catalogue has no kiosk item');
  return item;
}

/** Every kiosk site of the demo county (24-hour areas and village centres) with the kiosk item. */
export function kioskPlaces(): KioskPlace[] {
  const item = kioskItem();
  const materialCodes = item.materials.filter((m) => m.required).map((m) => m.code);
  const places: KioskPlace[] = [];
  for (const region of demoRegions) {
    for (const site of region.sites) {
      if (site.kind === 'serviceCentre') continue;
      const form = Object.fromEntries(item.formFields.map((f) => [f.key, sampleValue(f, region.code)]));
      places.push({ regionCode: region.code, siteId: site.id, itemCode: item.code, form, materialCodes });
    }
  }
  if (places.length === 0) throw new Error('the demo county has no kiosk site');
  return places;
}

/** One device's clocks; reuse the returned object for every event of that device. */
export function clocksFor(deviceId: string): Clocks {
  const newId = createIdFactory({ deviceId, now: Date.now, random: (n) => webcrypto.getRandomValues(new Uint8Array(n)) });
  const hlc = createHlc({ nodeId: deviceId, now: Date.now });
  return { newId, hlcNow: () => hlc.now(), isoNow: () => new Date().toISOString() };
}
