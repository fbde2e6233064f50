export * from './schema';
export * from './codes';
export * from './tree';
export { demoRegions, demoDepartments, COUNTY_CODE } from './demo-regions';
