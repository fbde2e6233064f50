// The driver over a real pty pair (socat) against the simulator, with real time: cards, faults,
// a cable pulled mid-frame, and unplug/replug at the same device path. The driver opens a
// symlink, the way udev's /dev/serial/by-id links come and go with a USB reader.
import { rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { createPtyPair, socatAvailable, tempDir, waitFor } from '@onetrip/testkit';
import type { PtyPair, TempDir } from '@onetrip/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IdCardError, Identity } from '../../common/idcard';
import { createIdCardReader } from './driver';
import type { IdCardReader, ReaderStatus } from './driver';
import { startIdCardSimulator } from './simulator';
import type { IdCardSimulator } from './simulator';

const noSocat = socatAvailable();
if (noSocat) console.log(`skipping the ID-card pty tests: ${noSocat}`);

describe.skipIf(noSocat)('ID-card reader over a socat pty pair', () => {
  let dir: TempDir;
  let link: string;
  let pair: PtyPair | null = null;
  let sim: IdCardSimulator | null = null;
  let reader: IdCardReader | null = null;
  const seen = { cards: [] as Identity[], errors: [] as IdCardError[], statuses: [] as ReaderStatus[] };

  /** Plugs a reader in: a new pty pair, the link pointed at it, a simulator on the far end. */
  async function plug(): Promise<IdCardSimulator> {
    pair = await createPtyPair();
    await rm(link, { force: true });
    await symlink(pair.a, link);
    sim = await startIdCardSimulator({ path: pair.b, authMs: 100 });
    return sim;
  }

  /** Pulls the reader out: the pair disappears, and with it the link's target. */
  async function unplug(): Promise<void> {
    await sim?.close();
    await pair?.close();
    await rm(link, { force: true });
    sim = null;
    pair = null;
  }

  function startReader(options: { retries?: number; readTimeoutMs?: number } = {}): IdCardReader {
    reader = createIdCardReader({ path: link, reconnectIntervalMs: 100, commandTimeoutMs: 1000, ...options });
    reader.on('card', (c) => seen.cards.push(c));
    reader.on('error', (e) => seen.errors.push(e));
    reader.on('status', (s) => seen.statuses.push(s));
    void reader.start();
    return reader;
  }

  beforeEach(async () => {
    dir = await tempDir('idcard');
    link = join(dir.path, 'reader');
    seen.cards = [];
    seen.errors = [];
    seen.statuses = [];
  });

  afterEach(async () => {
    await reader?.stop();
    reader = null;
    await unplug();
    await dir.cleanup();
  });

  it('reads every demo card once per placement', async () => {
    const s = await plug();
    startReader();
    await waitFor(() => seen.statuses.includes('connected'), { description: 'reader connected' });
    for (let i = 0; i < 5; i++) {
      s.placeCard(i);
      await waitFor(() => seen.cards.length === i + 1, { description: `card ${i}` });
      const polled = s.stats.commands;
      await waitFor(() => s.stats.commands >= polled + 5, { description: 'a few more polls' });
      expect(seen.cards).toHaveLength(i + 1);
      s.liftCard();
    }
    expect(seen.cards.map((c) => c.cardType)).toEqual(['resident', 'resident', 'gat', 'foreign', 'foreign2023']);
    expect(seen.cards[0]).toMatchObject({ name: '周秀英', address: '湖南省宁乡市玉潭街道香山社区十二组', nation: { code: '01', name: '汉' } });
    expect(seen.errors).toEqual([]);
  });

  it('reads through garbage, a damaged checksum and a failed authentication', async () => {
    const s = await plug();
    startReader();
    await waitFor(() => seen.statuses.includes('connected'), { description: 'reader connected' });
    s.inject({ kind: 'garbage', length: 64 });
    s.inject({ kind: 'checksum' });
    s.inject({ kind: 'auth-failure', sw3: 0x33 });
    s.placeCard(2);
    await waitFor(() => seen.cards.length === 1, { description: 'card read despite faults' });
    expect(seen.cards[0]?.permitNumber).toBe('H60213357');
    expect(seen.errors).toEqual([]);
  });

  it('reports the unplugged reader, and reconnects when it is plugged in again at the same path', async () => {
    const first = await plug();
    startReader();
    await waitFor(() => seen.statuses.includes('connected'), { description: 'reader connected' });
    first.placeCard(0);
    await waitFor(() => seen.cards.length === 1, { description: 'first card' });
    await unplug();
    await waitFor(() => seen.statuses.at(-1) === 'disconnected', { description: 'disconnect reported' });
    expect(seen.errors.map((e) => e.code)).toContain('IDCARD_DISCONNECTED');
    const second = await plug();
    await waitFor(() => seen.statuses.at(-1) === 'connected', { description: 'reconnected' });
    second.placeCard(1);
    await waitFor(() => seen.cards.length === 2, { description: 'card after replug' });
    expect(seen.statuses).toEqual(['connected', 'disconnected', 'connected']);
  });

  it('notices a cable pulled mid-frame, then comes back on replug', async () => {
    const s = await plug();
    startReader({ retries: 1, readTimeoutMs: 600 });
    await waitFor(() => seen.statuses.includes('connected'), { description: 'reader connected' });
    s.inject({ kind: 'pull-cable' });
    s.placeCard(0);
    await waitFor(() => s.unplugged, { description: 'cable pulled' });
    await waitFor(() => seen.statuses.at(-1) === 'disconnected', { description: 'disconnect reported' });
    expect(seen.cards).toEqual([]);
    await unplug();
    const again = await plug();
    await waitFor(() => seen.statuses.at(-1) === 'connected', { description: 'reconnected' });
    again.placeCard(3);
    await waitFor(() => seen.cards.length === 1, { description: 'card after replug' });
    expect(seen.cards[0]?.englishName).toBe('SMITH, JOHN WILLIAM');
  });
});
