// The part of the kiosk that needs the replica: loaded with a dynamic import after the attract
// screen is already on the glass, so RxDB's code and the database opening do not delay it.
import { StrictMode } from 'react';
import type { Root as ReactRoot } from 'react-dom/client';
import { createHlc, createIdFactory, makeCheckCode, type Site } from '@onetrip/domain';
import type { AgentApi } from '@onetrip/hardware/common';
import { openReplica, tokenCredentials, type Replica } from '@onetrip/replica';
import { browserSealer, browserStorage } from '@onetrip/replica/browser';
import type { KioskRuntimeConfig } from '../../common/bridge';
import type { KioskServices } from './journey/services';
import { createMoreServices } from './lib/more-services';
import { checkMaintenancePinHere } from './bootstrap';
import { Root } from './Root';

export async function openKioskReplica(config: KioskRuntimeConfig): Promise<Replica> {
  const device = config.device;
  if (!device) throw new Error('not enrolled');
  const key = Uint8Array.from(atob(config.replicaKey), (c) => c.charCodeAt(0));
  return openReplica({
    role: 'kiosk',
    scope: { regionCode: device.regionCode, deviceId: device.deviceId, siteId: device.siteId },
    serverUrl: config.serverUrl,
    credentials: tokenCredentials(device.token),
    encryptionKey: key,
    storage: browserStorage(),
    // personal fields are sealed and opened in a Worker, off the screen's thread
    sealer: browserSealer(),
    name: `onetrip-kiosk-${device.deviceId.toLowerCase()}`,
    commandContext: {
      actor: { id: device.deviceId, role: 'kiosk', level: 'kiosk', regionCode: device.regionCode },
      deviceId: device.deviceId,
      newId: createIdFactory({ deviceId: device.deviceId, now: () => Date.now(), random: (n) => crypto.getRandomValues(new Uint8Array(n)) }),
      hlc: createHlc({ nodeId: device.deviceId, now: () => Date.now() }),
      nowIso: () => new Date().toISOString(),
    },
  });
}

export function kioskServices(agent: AgentApi | null, replica: Replica, config: KioskRuntimeConfig, isOnline: () => boolean): KioskServices {
  const noAgent = () => Promise.reject(Object.assign(new Error('agent'), { message: { zh: '硬件服务未连接，请联系工作人员', en: 'The hardware agent is not connected; please ask staff' } }));
  return {
    subscribe: (listener) => agent?.subscribe(listener) ?? (() => undefined),
    print: (document) => (agent ? agent.print({ document }) : noAgent()),
    storePhoto: async (bytes, mediaType, materialCode) => {
      const stored = await replica.blobs.put(bytes, mediaType);
      return { sha256: stored.sha256, mediaType, size: bytes.length, materialCode };
    },
    // each case gets a random check code; the receipt's QR carries it and the server lookup asks for it
    submit: (input) => replica.commands.submitApplication({ ...input, checkCode: makeCheckCode((n) => crypto.getRandomValues(new Uint8Array(n))) }),
    online: isOnline,
    more: createMoreServices(agent, replica, config, { checkMaintenancePin: checkMaintenancePinHere }),
  };
}

/** Open the replica, build the services and replace the waiting attract screen with the app. */
export async function goLive(root: ReactRoot, config: KioskRuntimeConfig, site: Site, agent: AgentApi | null, tappedEarly: () => boolean): Promise<void> {
  const replica = await openKioskReplica(config);
  let online = false;
  replica.status$.subscribe((s) => { online = s.online; });
  window.addEventListener('online', () => replica.reconnectNow());
  const services = kioskServices(agent, replica, config, () => online);
  root.render(<StrictMode><Root config={config} replica={replica} services={services} site={site} startAtHome={tappedEarly} /></StrictMode>);
}
