import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { RunningServer } from '../src/server';
import type { Db } from '../src/storage/db';
import type { Principal } from '../src/auth/principal';
import type { Client} from './harness';
import { createTestDatabase, engine, enrollKiosk, login, startTestServer, type TestDatabase } from './harness';
import { row, submitted } from './events';
import { hashAuditEntry, AUDIT_GENESIS_HASH } from '@onetrip/domain';
import { ulid } from 'ulid';

let tdb: TestDatabase;
let db: Db;
let server: RunningServer;
let admin: Client;
let kiosk: Client & { deviceId: string };
let kioskWho: Principal;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = await tdb.open();
  server = await startTestServer(tdb, { BLOB_LIMIT: 64 * 1024 }, { db });
  admin = await login(server.apiUrl, 'admin');
  kiosk = await enrollKiosk(admin, 'site-430182101000-24h');
  kioskWho = (await kiosk.get('/auth/me')).json.principal;
});
afterAll(async () => {
  await server?.close();
  await db?.close();
  await tdb?.cleanup();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const putBlob = (c: Client, hash: string, body: Buffer) => fetch(`${c.apiUrl}/blobs/${hash}`, {
  method: 'PUT', body, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/octet-stream' },
});
const getBlob = (c: Client, hash: string) => fetch(`${c.apiUrl}/blobs/${hash}`, { headers: { authorization: `Bearer ${c.token}` } });
const actions = async () => (await db.query<{ action: string }>(`SELECT entry->>'action' AS action FROM audit_log ORDER BY change_seq`)).map((r) => r.action);

describe(`blobs (${engine})`, () => {
  const photo = Buffer.from('a material photo, pretend JPEG bytes '.repeat(50));

  it('stores by SHA-256, idempotently, and refuses a body that does not match', async () => {
    const first = await putBlob(kiosk, sha(photo), photo);
    expect(first.status).toBe(201);
    expect((await putBlob(kiosk, sha(photo), photo)).status).toBe(200);
    const wrong = await putBlob(kiosk, sha(photo), Buffer.from('something else'));
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { code: string }).code).toBe('HASH_MISMATCH');
    const big = Buffer.alloc(65 * 1024, 1);
    const tooBig = await putBlob(kiosk, sha(big), big);
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { code: string }).code).toBe('BODY_TOO_LARGE');
    expect(await db.query('SELECT sha256 FROM blobs')).toEqual([{ sha256: sha(photo) }]);
  });

  it('serves a blob only within the caller\'s scope, and audits staff reads', async () => {
    const hash = sha(photo);
    const ev = submitted(kioskWho, { regionCode: '430182101201' });
    ev.payload.materials = [{ sha256: hash, mediaType: 'image/jpeg', size: photo.length, materialCode: 'idCard' }] as never;
    expect((await kiosk.push('caseEvents', [row(ev)])).json).toEqual([]);
    const own = await getBlob(kiosk, hash);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(photo)).toBe(true);
    const clerk = await login(server.apiUrl, 'village-430182101201');
    expect((await getBlob(clerk, hash)).status).toBe(200);
    expect((await actions()).at(-1)).toBe('blobRead');
    const outsider = await login(server.apiUrl, 'village-430182103201');
    const refused = await getBlob(outsider, hash);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('OUT_OF_SCOPE');
  });
});

describe('resumable blob uploads', () => {
  const piece = (c: Client, hash: string, body: Buffer, start: number, total: number) => fetch(`${c.apiUrl}/blobs/${hash}`, {
    method: 'PUT', body, headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/octet-stream', 'content-range': `bytes ${start}-${start + body.length - 1}/${total}` },
  });

  it('resumes after a break, ignores a repeated piece, refuses a gap, and checks the hash at the end', async () => {
    const scan = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
    const hash = sha(scan);
    expect((await piece(kiosk, hash, scan.subarray(0, 1000), 0, 3000)).status).toBe(202);
    expect((await piece(kiosk, hash, scan.subarray(0, 1000), 0, 3000)).status).toBe(202);
    const gap = await piece(kiosk, hash, scan.subarray(2000), 2000, 3000);
    expect(gap.status).toBe(409);
    expect(await gap.json()).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', received: 1000 });
    expect((await kiosk.get(`/blobs/${hash}/upload`)).json).toEqual({ sha256: hash, received: 1000, complete: false });
    expect((await piece(kiosk, hash, scan.subarray(1000, 2000), 1000, 3000)).status).toBe(202);
    const last = await piece(kiosk, hash, scan.subarray(2000), 2000, 3000);
    expect(last.status).toBe(201);
    expect(Buffer.from(await (await getBlob(kiosk, hash)).arrayBuffer()).equals(scan)).toBe(true);

    const bad = Buffer.alloc(100, 7);
    const wrongHash = sha(Buffer.alloc(100, 8));
    expect((await piece(kiosk, wrongHash, bad.subarray(0, 50), 0, 100)).status).toBe(202);
    const mismatch = await piece(kiosk, wrongHash, bad.subarray(50), 50, 100);
    expect(((await mismatch.json()) as { code: string }).code).toBe('HASH_MISMATCH');
    expect((await kiosk.get(`/blobs/${wrongHash}/upload`)).json.received).toBe(0);
  });
});

describe('audit trail', () => {
  it('records sign-ins, enrollments, revocations, staff reads and reveals', async () => {
    const clerk = await login(server.apiUrl, 'village-430182101201');
    const ev = submitted(kioskWho, { regionCode: '430182101201' });
    await kiosk.push('caseEvents', [row(ev)]);
    await clerk.pullAll('cases');
    const reveal = await clerk.post('/audit/reveal', { caseId: ev.caseId, reason: '窗口核对身份' });
    expect(reveal.status).toBe(200);
    expect(reveal.json.applicant.idNumber).toBe('430182195001011234');
    const outsider = await login(server.apiUrl, 'village-430182103201');
    expect((await outsider.post('/audit/reveal', { caseId: ev.caseId, reason: 'curious' })).json.code).toBe('OUT_OF_SCOPE');
    const k2 = await enrollKiosk(admin, 'site-430182101000-24h');
    await admin.post(`/devices/${k2.deviceId}/revoke`, {});
    const seen = await actions();
    for (const action of ['login', 'deviceEnrolled', 'read', 'reveal', 'deviceRevoked']) expect(seen, action).toContain(action);
    const reads = await db.query<{ details: { caseIds: string } }>(`SELECT entry->'details' AS details FROM audit_log WHERE entry->>'action' = 'read' AND entry->>'actorId' = $1`, [`village-430182101201`]);
    expect(reads.some((r) => r.details.caseIds.includes(ev.caseId))).toBe(true);
  });

  it('verifies the chain, and finds the first tampered row', async () => {
    const ok = await admin.get('/audit/verify');
    expect(ok.json).toMatchObject({ ok: true });
    expect(ok.json.checked).toBeGreaterThan(5);
    await expect(db.query(`UPDATE audit_log SET entry = entry WHERE seq = 1`)).rejects.toThrow(/append-only/);
    const victim = (await db.query<{ seq: number; id: string }>(`SELECT seq, id FROM audit_log WHERE writer = 'sync-server' ORDER BY seq LIMIT 1 OFFSET 3`))[0]!;
    // Someone with database rights disables the guard and rewrites history.
    await db.exec(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await db.query(`UPDATE audit_log SET entry = jsonb_set(entry, '{actorId}', '"nobody"') WHERE writer = 'sync-server' AND seq = $1`, [victim.seq]);
    await db.exec(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const broken = await admin.get('/audit/verify');
    expect(broken.json).toMatchObject({ ok: false, firstBroken: { writer: 'sync-server', seq: victim.seq, id: victim.id, reason: 'hash' } });
    const clerk = await login(server.apiUrl, 'village-430182101201');
    expect((await clerk.get('/audit/verify')).json.code).toBe('FORBIDDEN');
  });
});

describe('audit chains pushed by devices', () => {
  const entry = (writer: string, seq: number, prevHash: string) => {
    const body = { id: ulid(), writer, seq, at: new Date().toISOString(), actorId: writer, action: 'kiosk.sessionCleared', target: '', regionCode: '430182101000', details: { reason: 'idle' } };
    return { ...body, prevHash, hash: hashAuditEntry(body, prevHash, (s) => createHash('sha256').update(s).digest('hex')) };
  };

  it('appends a device\'s own chain once, and refuses a broken link or another writer', async () => {
    const first = entry(kiosk.deviceId, 1, AUDIT_GENESIS_HASH);
    const second = entry(kiosk.deviceId, 2, first.hash);
    expect((await kiosk.push('auditLog', [row({ ...first, _deleted: false }), row({ ...second, _deleted: false })])).json).toEqual([]);
    expect((await kiosk.push('auditLog', [row({ ...second, _deleted: false })])).json).toEqual([]);
    const forged = entry(kiosk.deviceId, 3, AUDIT_GENESIS_HASH);
    expect((await kiosk.push('auditLog', [row({ ...forged, _deleted: false })])).json.code).toBe('INVALID_DOCUMENT');
    const foreign = entry('someone-else', 1, AUDIT_GENESIS_HASH);
    expect((await kiosk.push('auditLog', [row({ ...foreign, _deleted: false })])).json.code).toBe('FORBIDDEN');
    const stored = await db.query<{ seq: number }>('SELECT seq FROM audit_log WHERE writer = $1 ORDER BY seq', [kiosk.deviceId]);
    expect(stored.map((r) => r.seq)).toEqual([1, 2]);
    const pulled = await admin.pullAll('auditLog');
    expect(pulled.some((d) => d.id === second.id)).toBe(true);
  });
});

