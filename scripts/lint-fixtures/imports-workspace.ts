import { freePort } from '@onetrip/testkit';

export const port = freePort;
