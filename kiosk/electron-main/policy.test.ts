import { describe, expect, it } from 'vitest';
import { allowIpcSender, allowNavigation, allowPermission, isBlockedShortcut } from './policy';

describe('kiosk lockdown policy', () => {
  it('keeps navigation inside the app', () => {
    expect(allowNavigation('onetrip://app/index.html#/item/X')).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'onetrip://evil/x', 'javascript:alert(1)', 'not a url']) {
      expect(allowNavigation(url)).toBe(false);
    }
  });

  it('grants the camera to the app and nothing else', () => {
    expect(allowPermission('media', 'onetrip://app/', { mediaTypes: ['video'] })).toBe(true);
    expect(allowPermission('media', 'onetrip://app/', { mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(allowPermission('media', 'https://example.com/', { mediaTypes: ['video'] })).toBe(false);
    for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(allowPermission(p, 'onetrip://app/')).toBe(false);
    }
  });

  it('serves IPC only to the app\'s main frame', () => {
    expect(allowIpcSender({ url: 'onetrip://app/index.html', isMainFrame: true })).toBe(true);
    expect(allowIpcSender({ url: 'onetrip://app/index.html', isMainFrame: false })).toBe(false);
    expect(allowIpcSender({ url: 'https://example.com/', isMainFrame: true })).toBe(false);
    expect(allowIpcSender(null)).toBe(false);
  });

  it('blocks reload, devtools and quit shortcuts but not typing', () => {
    const key = (k: string, mods: Partial<{ control: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) =>
      isBlockedShortcut({ key: k, control: false, meta: false, alt: false, shift: false, ...mods });
    expect(key('F5')).toBe(true);
    expect(key('r', { control: true })).toBe(true);
    expect(key('I', { control: true, shift: true })).toBe(true);
    expect(key('F4', { alt: true })).toBe(true);
    expect(key('r')).toBe(false);
    expect(key('老')).toBe(false);
  });
});
