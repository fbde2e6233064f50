export * from './scanner';
