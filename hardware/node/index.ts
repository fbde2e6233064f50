export * from './scanner';
export * from './printer';
export * from './idcard';
