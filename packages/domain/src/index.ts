/**
 * @onetrip/domain — the pure domain model of OneTrip: no I/O, no clock, no randomness
 * except through parameters. Everything public is exported from here.
 */
export * from './errors';
export * from './roles';
export * from './regions';
export * from './id-number';
export * from './catalogue';
export * from './calendar';
export * from './ids';
export * from './hlc';
export * from './events';
export * from './collections';
export * from './audit';
export { stableStringify } from './hash';
export * from './receipt';
