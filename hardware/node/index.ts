export * as scanner from './scanner';
export * from './printer';
export * from './idcard';
export * from './agent';
