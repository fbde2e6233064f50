import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '@onetrip/hardware/common';
import { nextAlerts, type Alerts } from './device-alerts';

const printer = (paper: 'ok' | 'out', coverOpen = false): AgentEvent => ({ event: 'printerStatus', data: { printerId: 'p1', ok: paper === 'ok' && !coverOpen, paper, coverOpen, offline: false } });
const reader = (state: 'ok' | 'missing'): AgentEvent => ({ event: 'health', data: { id: 'r1', kind: 'idcard', state, simulated: false, lastError: null, lastErrorAt: null } });

describe('device alerts', () => {
  it('raises a banner for paper out and clears it when paper is back', () => {
    let alerts: Alerts = new Map();
    alerts = nextAlerts(alerts, printer('out'));
    expect([...alerts.values()][0]?.message.zh).toContain('缺纸');
    alerts = nextAlerts(alerts, printer('ok', true));
    expect([...alerts.values()][0]?.message.en).toContain('cover');
    alerts = nextAlerts(alerts, printer('ok'));
    expect(alerts.size).toBe(0);
  });

  it('says the reader is unplugged, and what still works', () => {
    const alerts = nextAlerts(new Map(), reader('missing'));
    expect([...alerts.values()][0]?.message.zh).toContain('读卡器未连接');
    expect(nextAlerts(alerts, reader('ok')).size).toBe(0);
  });

  it('ignores events that are not about device trouble', () => {
    const alerts: Alerts = new Map();
    const scan: AgentEvent = { event: 'scan', data: { scannerId: 's', code: 'x', at: '' } };
    expect(nextAlerts(alerts, scan)).toBe(alerts);
  });
});
