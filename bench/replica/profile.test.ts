import { describe, expect, it } from 'vitest';
import { topSelfTime } from './profile';

describe('topSelfTime', () => {
  it('adds sample time per function across nodes and sorts by it', () => {
    const frame = (functionName: string) => ({ functionName, url: 'http://127.0.0.1:1/page.js', lineNumber: 9 });
    const profile = {
      nodes: [{ id: 1, callFrame: frame('encrypt') }, { id: 2, callFrame: frame('fold') }, { id: 3, callFrame: frame('encrypt') }, { id: 4, callFrame: frame('idle') }],
      samples: [1, 2, 3, 3],
      timeDeltas: [1_000, 5_000, 2_000, 3_000],
    };
    expect(topSelfTime(profile, 5)).toEqual([{ name: 'encrypt page.js:10', ms: 6 }, { name: 'fold page.js:10', ms: 5 }]);
    expect(topSelfTime(profile, 1)).toHaveLength(1);
  });
});
