import * as hardware from '@onetrip/hardware/node';

export const api = hardware;
