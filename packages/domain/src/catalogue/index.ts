export * from './schema';
export { demoCatalogue } from './demo';
export { searchCatalogue } from './search';
export { checkCatalogue } from './invariants';
