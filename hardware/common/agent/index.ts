export * from './errors';
export * from './health';
export * from './protocol';
export * from './api';
