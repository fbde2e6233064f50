// The renderer's composition root: runtime config from the host (Electron IPC or /config.json in
// web mode), the hardware agent (the preload's bridge, or the agent's WebSocket), the replica, and
// the services the journeys use. Everything the screens touch is built here and nowhere else.
import { demoRegions, type Site } from '@onetrip/domain';
import type { AgentApi } from '@onetrip/hardware/common';
import { connectAgent } from '@onetrip/hardware/browser';
import type { KioskRuntimeConfig } from '../../common/bridge';
import type { PinResult } from '../../common/pin-gate';

interface HostRuntime {
  config(): Promise<KioskRuntimeConfig>; enroll(code: string): Promise<unknown>; checkMaintenancePin(pin: string): Promise<PinResult>;
  watchdogPong(): void; onWatchdogPing(fn: () => void): void;
}
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

/** Asks the host (Electron main, or the web-mode server) whether a maintenance PIN is right; the PIN is never in the page. */
export async function checkMaintenancePinHere(pin: string): Promise<PinResult> {
  if (window.onetripRuntime) return window.onetripRuntime.checkMaintenancePin(pin);
  const res = await fetch('./maintenance/pin', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pin }) });
  const body = await res.json().catch(() => null) as PinResult | null;
  if (body && typeof body.ok === 'boolean') return body;
  throw { code: 'PIN_CHECK_FAILED', message: { zh: '无法核对维护密码', en: 'The PIN could not be checked' } };
}

/** The kiosk's site from the region tree (replicated catalogue data; the demo tree before first sync). */
export function findSite(siteId: string): Site | undefined {
  return demoRegions.flatMap((r) => r.sites).find((s) => s.id === siteId);
}

export function connectHardware(config: KioskRuntimeConfig): AgentApi | null {
  if (window.onetripAgent) return window.onetripAgent;
  return config.agent ? connectAgent({ url: config.agent.url, token: config.agent.token }) : null;
}
