export * from './scanner';
export * from './printer';
export * as idcard from './idcard';
export * from './agent';
