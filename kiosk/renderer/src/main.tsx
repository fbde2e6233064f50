import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { demoCatalogue, demoDepartments } from '@onetrip/domain';
import { App } from './App';
import './styles.css';

// Until the first sync the kiosk shows the catalogue snapshot it was built with; the replica
// replaces it with the server's catalogue once it has one.
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App items={demoCatalogue} departments={demoDepartments}
      idle={{ warnAfterMs: 60_000, wipeAfterMs: 90_000 }} online={navigator.onLine}
      printNotice={async () => { throw new Error('hardware agent not connected'); }} />
  </StrictMode>,
);
