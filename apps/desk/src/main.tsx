import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, type DeskConfig } from './App';
import { Hall } from './screens/Hall';
import { HALL_CHANNEL } from './screens/hall-channel';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const root = createRoot(container);

async function start(): Promise<void> {
  if (window.location.pathname.endsWith('/hall')) {
    root.render(<StrictMode><Hall channelName={HALL_CHANNEL} /></StrictMode>);
    return;
  }
  const res = await fetch('./config.json', { cache: 'no-store' });
  if (!res.ok) throw new Error(`config.json: ${res.status}`);
  const config = (await res.json()) as DeskConfig;
  root.render(<StrictMode><App config={config} /></StrictMode>);
}

start().catch((err: unknown) => {
  root.render(<main role="alert" className="fatal"><h1>工作台无法启动 / The desk cannot start</h1><p>{err instanceof Error ? err.message : String(err)}</p></main>);
});
