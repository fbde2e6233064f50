export * from './transport';
export * from './hid-transport';
export * from './scanner-driver';
export * from './simulator';
