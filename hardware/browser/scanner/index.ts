export * from './wedge-listener';
