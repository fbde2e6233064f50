// Plain-words banners for device trouble, from the agent's events: what happened and what the
// villager can still do. They never block a journey; the journey continues where it can.
import type { AgentEvent } from '@onetrip/hardware/common';

export interface DeviceAlert { id: string; message: { zh: string; en: string } }

export type Alerts = ReadonlyMap<string, DeviceAlert>;

function printerAlert(data: Extract<AgentEvent, { event: 'printerStatus' }>['data']): DeviceAlert | null {
  const id = `printer:${data.printerId}`;
  if (data.paper === 'out') return { id, message: { zh: '打印机缺纸：回执和号票会在补纸后打印，请联系工作人员补纸；您仍可继续办理', en: 'The printer is out of paper: slips will print once staff refill it; you can carry on' } };
  if (data.coverOpen) return { id, message: { zh: '打印机盖未关好：请联系工作人员；您仍可继续办理', en: 'The printer cover is open: please ask staff; you can carry on' } };
  if (data.offline) return { id, message: { zh: '打印机暂不可用：回执会在恢复后打印，请记下屏幕上的编号', en: 'The printer is not available: slips will print later; please note the number on screen' } };
  return null;
}

function healthAlert(data: Extract<AgentEvent, { event: 'health' }>['data']): DeviceAlert | null {
  const id = `${data.kind}:${data.id}`;
  if (data.state !== 'missing') return null;
  if (data.kind === 'idcard') return { id, message: { zh: '身份证读卡器未连接：需要刷身份证的业务暂不能办理，请联系工作人员；查询可扫描回执二维码', en: 'The ID card reader is not connected: services needing the card are unavailable, please ask staff; you can still scan a receipt' } };
  if (data.kind === 'scanner') return { id, message: { zh: '扫码器未连接：可刷身份证查询办件进度', en: 'The scanner is not connected: place your ID card to look up your cases' } };
  return { id, message: { zh: '打印机未连接：回执会在恢复后打印，请记下屏幕上的编号', en: 'The printer is not connected: slips will print later; please note the number on screen' } };
}

/** The alerts after one event: sets or clears the alert of the device the event is about. */
export function nextAlerts(alerts: Alerts, event: AgentEvent): Alerts {
  let id: string;
  let alert: DeviceAlert | null;
  if (event.event === 'printerStatus') { id = `printer:${event.data.printerId}`; alert = printerAlert(event.data); }
  else if (event.event === 'health') {
    id = `${event.data.kind}:${event.data.id}`;
    // a printer's paper and cover come through printerStatus; health only adds "missing"
    alert = healthAlert(event.data);
    if (!alert && event.data.kind === 'printer' && alerts.get(id) === undefined) return alerts;
  } else return alerts;
  const next = new Map(alerts);
  if (alert) next.set(id, alert); else next.delete(id);
  return next;
}
