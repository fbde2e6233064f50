export * from './schema';
export { demoCatalogue } from './demo';
export { searchCatalogue } from './search';
export { checkCatalogue } from './invariants';
export { categoryNames, lifeEventNames, dataSourceNames, fieldTypeNames } from './labels';
