// The renderer's composition root: runtime config from the host (Electron IPC or /config.json in
// web mode), the hardware agent (the preload's bridge, or the agent's WebSocket), the replica, and
// the services the journeys use. Everything the screens touch is built here and nowhere else.
import { createHlc, createIdFactory, demoRegions, type Site } from '@onetrip/domain';
import type { AgentApi } from '@onetrip/hardware/common';
import { connectAgent } from '@onetrip/hardware/browser';
import { openReplica, tokenCredentials, type Replica } from '@onetrip/replica';
import { browserStorage } from '@onetrip/replica/browser';
import type { KioskRuntimeConfig } from '../../common/bridge';
import type { KioskServices } from './journey/services';

interface HostRuntime { config(): Promise<KioskRuntimeConfig>; enroll(code: string): Promise<unknown>; watchdogPong(): void; onWatchdogPing(fn: () => void): void }
declare global { interface Window { onetripAgent?: AgentApi; onetripRuntime?: HostRuntime } }

export async function loadRuntimeConfig(): Promise<KioskRuntimeConfig> {
  if (window.onetripRuntime) return window.onetripRuntime.config();
  const res = await fetch('./config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  return (await res.json()) as KioskRuntimeConfig;
}

export async function enrollHere(code: string): Promise<void> {
  if (window.onetripRuntime) { await window.onetripRuntime.enroll(code); return; }
  const res = await fetch('./enroll', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  if (!res.ok) throw await res.json().catch(() => ({ message: { zh: '注册失败', en: 'Enrollment failed' } }));
}

/** The kiosk's site from the region tree (replicated catalogue data; the demo tree before first sync). */
export function findSite(siteId: string): Site | undefined {
  return demoRegions.flatMap((r) => r.sites).find((s) => s.id === siteId);
}

export function connectHardware(config: KioskRuntimeConfig): AgentApi | null {
  if (window.onetripAgent) return window.onetripAgent;
  return config.agent ? connectAgent({ url: config.agent.url, token: config.agent.token }) : null;
}

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

export function kioskServices(agent: AgentApi | null, replica: Replica, isOnline: () => boolean): KioskServices {
  const noAgent = () => Promise.reject(Object.assign(new Error('agent'), { message: { zh: '硬件服务未连接，请联系工作人员', en: 'The hardware agent is not connected; please ask staff' } }));
  return {
    subscribe: (listener) => agent?.subscribe(listener) ?? (() => undefined),
    print: (document) => (agent ? agent.print({ document }) : noAgent()),
    storePhoto: async (bytes, mediaType, materialCode) => {
      const stored = await replica.blobs.put(bytes, mediaType);
      return { sha256: stored.sha256, mediaType, size: bytes.length, materialCode };
    },
    submit: (input) => replica.commands.submitApplication(input),
    online: isOnline,
  };
}
