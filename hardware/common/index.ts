export * from './scanner';
export * as idcard from './idcard';
