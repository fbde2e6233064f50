// The runtime config the renderer starts from, the same in both modes: the host (Electron main,
// or the web-mode server) reads it fresh on every request, since enrollment can happen at any time.
// The maintenance PIN is not in it: the host checks PINs itself (common/pin-gate.ts).
import type { KioskRuntimeConfig } from '../common/bridge';
import type { LoadedKioskConfig } from './kiosk-config';
import type { KioskState } from './kiosk-state';

export function runtimeConfig(config: LoadedKioskConfig, state: KioskState, host: {
  mode: KioskRuntimeConfig['mode']; replicaKey: Uint8Array; agent?: { url: string; token: string };
}): KioskRuntimeConfig {
  const e = state.enrollment();
  return {
    mode: host.mode, serverUrl: config.serverUrl, site: config.site, idle: config.idle,
    device: e ? { deviceId: e.deviceId, token: e.token, siteId: e.siteId, regionCode: e.regionCode } : null,
    replicaKey: Buffer.from(host.replicaKey).toString('base64'),
    ...(host.agent ? { agent: host.agent } : {}),
  };
}
