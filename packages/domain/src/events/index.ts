export * from './schema';
export * from './state';
export * from './permissions';
export * from './case-errors';
export * from './scope';
export { foldCase, compareEvents, dedupeEvents } from './fold';
export { checkAppend, type AppendCheck } from './check-append';
export { checkPermission } from './transition';
export type { CaseContext } from './context';
