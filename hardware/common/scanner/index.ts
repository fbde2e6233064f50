export * from './serial-framer';
export * from './hid-pos';
export * from './wedge-detector';
export * from './text';
