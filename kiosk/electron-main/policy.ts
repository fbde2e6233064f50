// The lockdown rules of the kiosk window, as pure functions so they are tested without Electron.
// main.ts wires them into Electron's events (STYLE.md: locked down from the first commit).
export const APP_SCHEME = 'onetrip';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** The only permission the kiosk needs is the camera (document camera and live face photo). */
const ALLOWED_PERMISSIONS = new Set(['media']);

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'app';
  } catch {
    return false;
  }
}

/** Navigation may only stay inside the app; everything else (links, redirects) is refused. */
export function allowNavigation(target: string): boolean {
  return isAppUrl(target);
}

export function allowPermission(permission: string, requestingUrl: string, details?: { mediaTypes?: string[] }): boolean {
  if (!isAppUrl(requestingUrl) || !ALLOWED_PERMISSIONS.has(permission)) return false;
  // Camera only: a microphone is never needed.
  return (details?.mediaTypes ?? ['video']).every((t) => t === 'video');
}

/** An IPC message is served only when it comes from the app's own top frame. */
export function allowIpcSender(frame: { url: string; isMainFrame: boolean } | null): boolean {
  return frame !== null && frame.isMainFrame && isAppUrl(frame.url);
}

/** Keys that would reload, open devtools or leave the kiosk, refused in production. */
export function isBlockedShortcut(input: { key: string; control: boolean; meta: boolean; alt: boolean; shift: boolean }): boolean {
  const key = input.key.toLowerCase();
  if (key === 'f5' || key === 'f11' || key === 'f12') return true;
  if ((input.control || input.meta) && ['r', 'w', 'q', 'n', 't', 'p', '+', '-', '=', '0'].includes(key)) return true;
  if ((input.control || input.meta) && input.shift && ['i', 'j', 'c'].includes(key)) return true;
  if (input.alt && key === 'f4') return true;
  return false;
}
