// The resident ID-card reader, common layer: SAM frame codec, streaming parser, statuses,
// text-block layouts, the Identity type, and the reader model the simulator runs.
export * from './frame';
export * from './frame-parser';
export * from './status';
export * from './nations';
export * from './bytes';
export * from './text-block';
export * from './identity';
export * from './card-data';
export * from './reader-model';
