// Enrollment with the one-time code from the county: the kiosk makes its own key pair, sends
// the public half, and keeps the device id and token the server returns. Errors come back as
// the server's { code, message: { zh, en } } so the staff screen can show them.
import { generateKeyPairSync } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import type { KioskState, Enrollment } from './kiosk-state';

const EnrollResponse = z.object({ deviceId: z.string(), token: z.string(), siteId: z.string(), regionCode: z.string() });
const ApiError = z.object({ code: z.string(), message: z.object({ zh: z.string(), en: z.string() }) });

export class EnrollmentError extends Error {
  constructor(readonly code: string, readonly zh: string, readonly en: string) { super(`${zh} / ${en}`); }
  toTransferable() { return { code: this.code, message: { zh: this.zh, en: this.en } }; }
}

export async function enrollKiosk(opts: { serverUrl: string; code: string; name?: string; state: KioskState; fetch?: typeof fetch; now?: () => Date }): Promise<Enrollment> {
  const code = opts.code.trim();
  if (!/^[0-9A-Za-z-]{4,64}$/.test(code)) throw new EnrollmentError('ENROLL_BAD_CODE', '注册码格式不正确', 'The enrollment code is malformed');
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const body = { code, name: opts.name ?? `kiosk ${hostname()}`.slice(0, 100), publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(`${opts.serverUrl}/api/v1/devices/enroll`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-onetrip-protocol': '1' }, body: JSON.stringify(body), signal: AbortSignal.timeout(15_000),
    });
  } catch {
    throw new EnrollmentError('ENROLL_OFFLINE', '无法连接服务器，请检查网络后重试', 'Cannot reach the server; check the network and try again');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = ApiError.safeParse(json);
    throw err.success ? new EnrollmentError(err.data.code, err.data.message.zh, err.data.message.en)
      : new EnrollmentError('ENROLL_FAILED', `注册失败（${res.status}）`, `Enrollment failed (${res.status})`);
  }
  const ok = EnrollResponse.parse(json);
  opts.state.savePrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  const enrollment: Enrollment = { ...ok, serverUrl: opts.serverUrl, enrolledAt: (opts.now?.() ?? new Date()).toISOString() };
  opts.state.saveEnrollment(enrollment);
  return enrollment;
}
