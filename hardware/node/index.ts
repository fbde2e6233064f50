export * from './scanner';
export * from './idcard';
