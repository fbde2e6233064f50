import * as camera from '@onetrip/hardware/browser';

export const helpers = camera;
