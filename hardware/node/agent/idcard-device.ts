// The ID-card reader in the agent: the reader helper's driver (node/idcard) on the configured
// port, or on a socat pty whose other end runs the SAM simulator (demo / absent reader).
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeviceHealth } from '../../common/agent/health';
import type { CardEvent } from '../../common/agent/protocol';
import { DEMO_CARDS, type IdCardError, type Identity } from '../../common/idcard';
import { agentError, AgentFailure } from '../../common/agent/errors';
import { createIdCardReader, startIdCardSimulator, type IdCardReader, type IdCardSimulator } from '../idcard';
import { listeners } from '../scanner/transport';
import type { IdCardConfig } from './config';
import type { CardReaderDevice } from './devices';
import { startPtyPair, type PtyPair } from './pty-pair';
import type { DeviceContext } from './scanner-device';

interface Parts {
  id: string;
  reader: IdCardReader;
  port: string;
  simulated: boolean;
  sim?: IdCardSimulator;
  cleanup?: () => Promise<void>;
}

function adapt(p: Parts, now: () => Date): CardReaderDevice {
  const cards = listeners<[CardEvent]>();
  const removed = listeners<[]>();
  const healthL = listeners<[DeviceHealth]>();
  let health: DeviceHealth = { id: p.id, kind: 'idcard', state: 'missing', simulated: p.simulated, port: p.port, lastError: null, lastErrorAt: null };
  const set = (patch: Partial<DeviceHealth>) => { health = { ...health, ...patch }; healthL.emit(health); };
  p.reader.on('card', (identity: Identity) => cards.emit({ readerId: p.id, identity, at: now().toISOString() }));
  p.reader.on('error', (error: IdCardError) => set({ lastError: { code: error.code, message: { ...error.message } }, lastErrorAt: now().toISOString() }));
  p.reader.on('status', (s) => set({ state: s === 'connected' ? (p.simulated ? 'simulated' : 'ok') : 'missing' }));
  const sim = p.sim;
  return {
    id: p.id,
    kind: 'idcard',
    simulatorPort: p.simulated ? `${p.port}.sim` : undefined,
    start: () => p.reader.start(),
    async stop() { await p.reader.stop(); await p.cleanup?.(); },
    health: () => health,
    onHealth: healthL.add,
    onCard: cards.add,
    onRemoved: removed.add,
    demo: sim ? {
      place: (card = 0) => {
        if (card >= DEMO_CARDS.length) throw new AgentFailure(agentError('BAD_PARAMS', { zh: `演示卡只有 ${DEMO_CARDS.length} 张`, en: `there are ${DEMO_CARDS.length} demo cards` }));
        sim.placeCard(card);
      },
      lift: () => { sim.liftCard(); removed.emit(); },
    } : undefined,
  };
}

async function simulatedReader(id: string, ctx: DeviceContext): Promise<Parts> {
  const dir = join(ctx.stateDir, 'pty');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pair: PtyPair = await startPtyPair(join(dir, id), join(dir, `${id}.sim`));
  try {
    const sim = await startIdCardSimulator({ path: pair.simulatorPath });
    const reader = createIdCardReader({ path: pair.devicePath });
    return { id, reader, sim, port: pair.devicePath, simulated: true, cleanup: async () => { await sim.close(); await pair.close(); } };
  } catch (err) {
    await pair.close();
    throw err;
  }
}

/** The reader for the config; undefined when none is configured and none is simulated. */
export async function createIdCardDevice(config: IdCardConfig | undefined, ctx: DeviceContext, now: () => Date = () => new Date()): Promise<CardReaderDevice | undefined> {
  if (config && (existsSync(config.path) || !(ctx.demo || ctx.simulateMissing))) {
    return adapt({ id: config.id, reader: createIdCardReader({ path: config.path, baudRate: config.baudRate }), port: config.path, simulated: false }, now);
  }
  if (!config && !ctx.demo) return undefined;
  if (config) console.log(`idcard ${config.id}: ${config.path} absent, simulator stands in / 身份证阅读器未连接，使用模拟器`);
  return adapt(await simulatedReader(config?.id ?? 'idcard', ctx), now);
}
