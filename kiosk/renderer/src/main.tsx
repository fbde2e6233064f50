import { createRoot } from 'react-dom/client';
import { connectHardware, enrollHere, findSite, loadRuntimeConfig } from './bootstrap';
import { Attract } from './screens/Attract';
import { Enroll } from './screens/Enroll';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

function outOfService(reason: string, phone?: string) {
  root.render(
    <main className="out-of-service" role="alert">
      <h1>暂停服务 <span lang="en">Out of service</span></h1>
      <p>请联系工作人员{phone ? `：${phone}` : ''} / <span lang="en">Please ask staff{phone ? `: ${phone}` : ''}</span></p>
      <p className="meta">{reason}</p>
    </main>,
  );
}

async function start(): Promise<void> {
  const config = await loadRuntimeConfig();
  window.onetripRuntime?.onWatchdogPing(() => window.onetripRuntime?.watchdogPong());
  if (!config.device) {
    root.render(<Enroll enroll={async (code) => { await enrollHere(code); window.location.reload(); }} />);
    return;
  }
  const site = findSite(config.device.siteId);
  if (!site) { outOfService(`unknown site ${config.device.siteId}`, config.site.phone); return; }
  // The attract screen goes up at once; a tap before the replica is open is remembered. It is
  // caught on pointerdown too: a tap whose press lands on this placeholder and whose release
  // lands on the live app's attract screen (React swapped them in between) makes no click on
  // either, and the villager's tap would be lost.
  let tapped = false;
  const remember = () => { tapped = true; };
  document.addEventListener('pointerdown', remember, { capture: true });
  root.render(<div className="kiosk" lang="zh-CN"><Attract lang="zh" onStart={remember} /></div>);
  const agent = connectHardware(config);
  const { goLive } = await import('./live');
  // Read when the live app first renders (not when it is scheduled), so no tap falls in between.
  await goLive(root, config, site, agent, () => {
    document.removeEventListener('pointerdown', remember, { capture: true });
    return tapped;
  });
}

start().catch((err: unknown) => outOfService(err instanceof Error ? err.message : String(err)));
