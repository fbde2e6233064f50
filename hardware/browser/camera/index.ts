export * from './select-device';
export * from './compression-plan';
export * from './photo';
