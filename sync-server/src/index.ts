// @onetrip/sync-server: start the server programmatically (tests, bench) or via src/main.ts.
export { startServer, openDatabase, type RunningServer, type StartOptions } from './server';
export { loadConfig, ServerConfig, type ServerConfigInput } from './config';
export { PROTOCOL_VERSION, MIN_CLIENT_PROTOCOL, PROTOCOL_HEADER } from './protocol';
export { ApiError, errorCodes, type TransferableError } from './errors';
export { COLLECTIONS, type CollectionName } from './replication/collections';
export { DEMO_PASSWORD, demoUsers } from './demo/accounts';
export type { DemoSeed } from './demo/seed';
export type { Db } from './storage/db';
export { openPglite } from './storage/pglite-db';
export { openPostgres } from './storage/postgres-db';
