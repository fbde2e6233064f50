export * from './printer-errors';
export * from './printer-status';
export { escpos, concatBytes, type Alignment } from './escpos-commands';
export * from './escpos-ops';
export * from './escpos-decoder';
export * from './receipt-document';
export * from './receipt-layout';
export * from './domain-receipt';
