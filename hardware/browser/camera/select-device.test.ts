import { describe, expect, it } from 'vitest';
import { pickCamera } from './select-device';

const cam = (deviceId: string, label: string, kind = 'videoinput') => ({ deviceId, label, kind });

describe('pickCamera', () => {
  it('prefers a document camera by its label', () => {
    expect(pickCamera([cam('a', 'Integrated Webcam'), cam('m', 'Mic', 'audioinput'), cam('d', 'USB 高拍仪 (1d6b:0102)')])?.deviceId).toBe('d');
    expect(pickCamera([cam('a', 'HD Webcam'), cam('b', 'Document Camera S500')])?.deviceId).toBe('b');
  });
  it('falls back to the first video input, and to nothing without one', () => {
    expect(pickCamera([cam('m', 'Mic', 'audioinput'), cam('a', ''), cam('b', '')])?.deviceId).toBe('a');
    expect(pickCamera([cam('m', 'Mic', 'audioinput')])).toBeUndefined();
  });
});
