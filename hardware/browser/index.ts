export * from './scanner';
export * from './camera';
export * from './agent-client';
