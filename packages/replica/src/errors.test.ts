import { describe, expect, it } from 'vitest';
import { newRxError } from 'rxdb';
import { ReplicaError, replicaErrors, toReplicaError } from './errors';

describe('errors', () => {
  it('has a Chinese and an English text for every code', () => {
    for (const [code, [zh, en]] of Object.entries(replicaErrors)) {
      expect(code).toMatch(/^REPLICA_[A-Z_]+$/);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).toMatch(/^[A-Z]/);
    }
  });

  it('maps RxDB codes to our own and keeps the original as the cause', () => {
    const rx = newRxError('COL23', {});
    const mapped = toReplicaError(rx);
    expect(mapped).toBeInstanceOf(ReplicaError);
    expect(mapped.toJSON()).toMatchObject({ code: 'REPLICA_TOO_MANY_COLLECTIONS', message: { zh: expect.any(String), en: expect.stringContaining('COL23') } });
    expect(mapped.cause).toBe(rx);
    expect(toReplicaError(newRxError('DB6', {})).code).toBe('REPLICA_SCHEMA_MISMATCH');
  });

  it('treats a failed fetch as offline and anything else as unknown', () => {
    expect(toReplicaError(new TypeError('fetch failed')).code).toBe('REPLICA_OFFLINE');
    expect(toReplicaError('boom').code).toBe('REPLICA_UNKNOWN');
  });
});
