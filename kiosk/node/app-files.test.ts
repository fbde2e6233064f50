import fc from 'fast-check';
import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from './app-files';

const root = '/srv/kiosk/renderer';

describe('app protocol path check', () => {
  it('serves the app\'s files with their types', () => {
    expect(resolveAppFile(root, 'onetrip://app/')).toEqual({ ok: true, file: `${root}/index.html`, mime: 'text/html; charset=utf-8' });
    expect(resolveAppFile(root, 'onetrip://app/assets/index-abc.js')).toMatchObject({ ok: true, file: `${root}/assets/index-abc.js` });
  });

  it('refuses encoded separators, NUL bytes and broken escapes', () => {
    for (const url of ['onetrip://app/..%2f..%2fetc%2fpasswd.js', 'onetrip://app/a%5c..%5c..%5cx.js', 'onetrip://app/x%00.js', 'onetrip://app/%E0%A4%A']) {
      expect(resolveAppFile(root, url).ok).toBe(false);
    }
  });

  it('keeps dot-segments inside the renderer folder', () => {
    for (const url of ['onetrip://app/../../etc/passwd.js', 'onetrip://app/%2e%2e/%2e%2e/etc/passwd.js']) {
      const res = resolveAppFile(root, url);
      expect(res.ok && res.file).toBe(`${root}/etc/passwd.js`);
    }
  });

  it('never resolves any path outside the root (property)', () => {
    fc.assert(fc.property(fc.array(fc.oneof(fc.constantFrom('..', '.', '%2e%2e', '%2f', 'a', 'b.js', '', '%5c', '//')), { maxLength: 8 }), (parts) => {
      const res = resolveAppFile(root, `onetrip://app/${parts.join('/')}`);
      if (res.ok) expect(res.file === root || res.file.startsWith(root + sep)).toBe(true);
    }));
  });
});
