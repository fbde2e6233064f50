#!/usr/bin/env node
// `npm start`: start every service the repository has, on embedded defaults and in demo mode.
// A workspace declares its services in its package.json under "onetrip.services":
//   { "name": "sync-server", "script": "start", "order": 10,
//     "ready": "http://127.0.0.1:7070/healthz", "addresses": { "API": "http://127.0.0.1:7070/api/v1" } }
// Services start in `order`; each must answer its `ready` URL before the next one starts.
// Every log line is prefixed with the service's name; Ctrl-C stops them all.
import { spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

// ONETRIP_ROOT lets the orchestrator's own test point it at a scratch repository.
const root = process.env.ONETRIP_ROOT ?? new URL('..', import.meta.url).pathname;
const READY_TIMEOUT_MS = 120_000;

export function discoverServices(rootDir = root) {
  const pkg = JSON.parse(readFileSync(join(rootDir, 'package.json'), 'utf8'));
  const services = [];
  for (const ws of pkg.workspaces ?? []) {
    const file = join(rootDir, ws, 'package.json');
    if (!existsSync(file)) continue;
    const wsPkg = JSON.parse(readFileSync(file, 'utf8'));
    for (const svc of wsPkg.onetrip?.services ?? []) {
      if (!wsPkg.scripts?.[svc.script]) throw new Error(`${ws}: service ${svc.name} names a missing script "${svc.script}"`);
      services.push({ order: 100, addresses: {}, ...svc, workspace: ws });
    }
  }
  return services.sort((a, b) => a.order - b.order);
}

function prefixLines(stream, label, out) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) out.write(`${label} ${line}\n`);
  });
  stream.on('end', () => { if (buffered) out.write(`${label} ${buffered}\n`); });
}

async function waitReady(url, child) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode} before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

async function main() {
  const services = discoverServices();
  if (services.length === 0) {
    console.log('OneTrip: no workspace declares a service yet, so there is nothing to start.');
    return;
  }
  const width = Math.max(...services.map((s) => s.name.length));
  const children = [];
  let stopping = false;
  const stopAll = (code) => {
    if (stopping) return;
    stopping = true;
    console.log('\nOneTrip: stopping all services …');
    for (const { child } of children) if (child.exitCode === null) { try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ } }
    const force = setTimeout(() => { for (const { child } of children) { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } } }, 10_000);
    force.unref();
    Promise.all(children.map(({ child }) => child.exitCode !== null ? null : new Promise((r) => child.once('exit', r))))
      .then(() => process.exit(code));
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  for (const svc of services) {
    const label = `[${svc.name.padEnd(width)}]`;
    const child = spawn('npm', ['run', '--silent', svc.script], {
      cwd: join(root, svc.workspace),
      env: { ...process.env, DEMO: process.env.DEMO ?? '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so Ctrl-C reaches everything it started
    });
    children.push({ svc, child });
    prefixLines(child.stdout, label, process.stdout);
    prefixLines(child.stderr, label, process.stderr);
    child.on('exit', (code, signal) => {
      if (!stopping) { console.error(`${label} exited (${code ?? signal}); stopping the rest.`); stopAll(1); }
    });
    if (svc.ready) {
      try { await waitReady(svc.ready, child); } catch (err) { console.error(`${label} ${err.message}`); stopAll(1); return; }
    }
  }
  console.log('\nOneTrip is running (demo mode). Press Ctrl-C to stop.');
  const rows = children.flatMap(({ svc }) => Object.entries(svc.addresses).map(([what, url]) => [svc.name, what, url]));
  const whatWidth = Math.max(0, ...rows.map(([, what]) => what.length));
  for (const [name, what, url] of rows) console.log(`  ${name.padEnd(width)}  ${what.padEnd(whatWidth)}  ${url}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main().catch((err) => { console.error(err); process.exit(1); });
