// The renderer's composition root: runtime config from the host (Electron IPC or /config.json in
// web mode), the hardware agent (the preload's bridge, or the agent's WebSocket), the replica, and
// the services the journeys use. Everything the screens touch is built here and nowhere else.
import { demoRegions, type Site } from '@onetrip/domain';
import type { AgentApi } from '@onetrip/hardware/common';
import { connectAgent } from '@onetrip/hardware/browser';
import type { KioskRuntimeConfig } from '../../common/bridge';

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
