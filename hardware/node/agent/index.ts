export * from './agent';
export * from './config';
export * from './devices';
export * from './dispatch';
export * from './ipc';
export * from './pty-pair';
export * from './server';
export * from './token';
export { createScannerDevice, simulatedScanner, type DeviceContext } from './scanner-device';
