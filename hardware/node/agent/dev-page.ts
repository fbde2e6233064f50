// The developer page at GET /: device health, and buttons to place a demo card, print a test
// receipt, run the printer out of paper and scan a demo code. Plain HTML, bilingual, no build.
// The token is filled in only in demo mode; otherwise paste it from the token file.
import { randomBytes } from 'node:crypto';
import { PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../../common/agent/protocol';

const TEST_RECEIPT = {
  kind: 'caseReceipt', siteName: '宁乡市玉潭街道便民服务中心', caseNumber: 'DEMO-20260001', itemName: '城乡居民养老保险待遇领取资格认证',
  applicant: { name: '张三', idNumber: '430182********1234' }, submittedAt: '2026-11-27T20:00',
  nextSteps: ['工作人员将在1个工作日内受理 / accepted within 1 working day'], qrPayload: 'https://onetrip.example/r/DEMO-20260001',
};

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function script(token: string, port: number): string {
  return `
const $ = (id) => document.getElementById(id);
let ws, n = 0;
const pending = new Map();
function log(text) { const li = document.createElement('li'); li.textContent = new Date().toLocaleTimeString() + '  ' + text; $('log').prepend(li); }
function call(method, params = {}) {
  const id = ++n; ws.send(JSON.stringify({ id, method, params }));
  return new Promise((res) => pending.set(id, res));
}
function showHealth(report) {
  const rows = report.devices.map((d) => '<tr><td>' + d.id + '</td><td>' + d.kind + '</td><td class="' + d.state + '">' + d.state + '</td><td>' + (d.paper ?? '') + '</td><td>' + (d.port ?? '') + '</td><td>' + (d.lastError ? d.lastError.message.zh + ' / ' + d.lastError.message.en : '') + '</td></tr>');
  $('devices').innerHTML = rows.join('');
}
async function refresh() { const r = await call('health'); if (r.result) showHealth(r.result); }
function connect() {
  const token = $('token').value.trim();
  ws = new WebSocket('ws://' + location.host + '/agent', ['${PROTOCOL}', '${TOKEN_PROTOCOL_PREFIX}' + token]);
  ws.onmessage = (m) => {
    const msg = JSON.parse(m.data);
    if (msg.ready) { log('已连接 / connected'); refresh(); return; }
    if ('id' in msg && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); if (msg.error) log(msg.error.message.zh + ' / ' + msg.error.message.en); return; }
    if (msg.event) { log(msg.event + ' ' + JSON.stringify(msg.data).slice(0, 200)); if (msg.event === 'health' || msg.event === 'printerStatus') refresh(); }
  };
  ws.onclose = (e) => log('连接关闭 / closed ' + e.code + ' ' + e.reason);
}
$('connect').onclick = connect;
$('place').onclick = () => call('demoPlaceCard', { card: Number($('card').value) });
$('lift').onclick = () => call('demoLiftCard');
$('print').onclick = () => call('print', { document: ${JSON.stringify(TEST_RECEIPT)} }).then((r) => r.result && log('打印 / print: ' + r.result.state));
$('paperOut').onclick = () => call('demoSetPrinter', { paper: 'out' });
$('paperOk').onclick = () => call('demoSetPrinter', { paper: 'ok', coverOpen: false });
$('scan').onclick = () => call('demoScan', { code: $('code').value });
if ($('token').value) connect();
void ${port};
`;
}

export function renderDevPage(opts: { demo: boolean; token?: string; port: number }): { html: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src ws://127.0.0.1:${opts.port} ws://localhost:${opts.port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
  const html = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>硬件服务 / Hardware agent</title>
<style nonce="${nonce}">body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}
.ok,.simulated{color:#070}.degraded{color:#a60}.missing{color:#b00}section{margin:1em 0}#log{font-family:monospace;max-height:20em;overflow:auto}</style></head>
<body><h1>硬件服务 / Hardware agent ${opts.demo ? '（演示模式 / demo mode）' : ''}</h1>
<section><label>口令 / token <input id="token" size="48" value="${esc(opts.token ?? '')}"></label> <button id="connect">连接 / connect</button></section>
<section><h2>设备状态 / Device health</h2><table><thead><tr><th>设备 / device</th><th>类型 / kind</th><th>状态 / state</th><th>纸张 / paper</th><th>端口 / port</th><th>最近错误 / last error</th></tr></thead><tbody id="devices"></tbody></table></section>
<section><h2>演示 / Demo</h2>
<p><label>卡 / card <input id="card" type="number" min="0" max="3" value="0"></label> <button id="place">放卡 / place card</button> <button id="lift">取卡 / lift card</button></p>
<p><button id="print">打印测试回执 / print test receipt</button> <button id="paperOut">缺纸 / paper out</button> <button id="paperOk">装纸 / paper loaded</button></p>
<p><label>条码 / code <input id="code" value="DEMO-20260001"></label> <button id="scan">模拟扫码 / scan</button></p></section>
<section><h2>事件 / Events</h2><ul id="log"></ul></section>
<script nonce="${nonce}">${script(opts.token ?? '', opts.port)}</script></body></html>`;
  return { html, csp };
}
