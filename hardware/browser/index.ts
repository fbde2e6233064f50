export * from './scanner';
export * from './camera';
