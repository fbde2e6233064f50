// @onetrip/testkit: helpers that give every test suite real parts (pty pairs, PostgreSQL,
// Chromium, a fault-injecting TCP proxy) and clean them up, even when the test crashes.
export { TestkitError, type BilingualMessage } from './errors';
export { onProcessExit } from './exit-cleanup';
export { freePort } from './free-port';
export { tempDir, type TempDir } from './temp-dir';
export { waitFor, type WaitForOptions } from './wait-for';
export { createPtyPair, socatAvailable, type PtyPair, type PtyPairOptions } from './pty-pair';
export { startPostgres, postgresAvailable, type PostgresOptions, type PostgresServer } from './postgres';
export {
  launchChromium,
  chromiumAvailable,
  chromiumPath,
  DEFAULT_CHROMIUM_ARGS,
  FAKE_CAMERA_ARGS,
  type ChromiumOptions,
  type ChromiumSession,
} from './chromium';
export { artifactsDir } from './artifacts';
export { startFaultProxy, type FaultProxy, type FaultProxyOptions } from './fault-proxy';
export { startService, type Service } from './service';
