import * as server from '@onetrip/sync-server';

export const s = server;
