import path from 'node:path';
import { defineConfig, type PlaywrightTestOptions, type LaunchOptions } from '@playwright/test';
import { MAIL_DIR } from './tests/mail';
import {
  BASE_URL,
  FRANCECONNECT_PORT,
  FRANCECONNECT_URL,
  HOSTILE_MAIL_DIR,
  HOSTILE_PORT,
  HOSTILE_URL,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  PORT,
  PROCONNECT_PORT,
  PROCONNECT_URL,
} from './tests/servers';

// The server binary and the site directory are built beforehand (see README.md); both are required.
function requiredEnv(name: string, hint: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`end2end: the environment variable ${name} is required: ${hint}`);
  }
  return path.resolve(value);
}

const APP_BIN = requiredEnv('APP_BIN', 'path of the built server binary, e.g. APP_BIN=../target/release/accelerateur');
const SITE_ROOT = requiredEnv('SITE_ROOT', 'path of the built site (holding pkg/), e.g. SITE_ROOT=../target/site');

// The hostile server (hostile.spec.ts) listens on the next port.
if (!Number.isInteger(PORT) || PORT < 1 || HOSTILE_PORT > 65535) {
  throw new Error(`end2end: E2E_PORT must be a TCP port number below 65535, got "${process.env.E2E_PORT}"`);
}

// Debian's Chromium: Playwright's own browser downloads are not used.
const launchOptions: LaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

const chromium: Partial<PlaywrightTestOptions> & { browserName: 'chromium'; launchOptions: LaunchOptions } = {
  browserName: 'chromium',
  launchOptions,
  viewport: { width: 1280, height: 720 },
  // French is the default language of the UI; do not let Accept-Language pick English.
  locale: 'fr-FR',
};

interface ServerOptions {
  port: number;
  baseUrl: string;
  demo: string;
  mailDir: string;
  /** Configure the State sign-in with the two test providers. */
  stateSignIn?: boolean;
}

/** The app's variables naming one test provider (see README, « Connexion avec FranceConnect et ProConnect »). */
function providerEnv(prefix: string, issuer: string): Record<string, string> {
  return {
    [`${prefix}_ISSUER`]: issuer,
    [`${prefix}_CLIENT_ID`]: OIDC_CLIENT_ID,
    [`${prefix}_CLIENT_SECRET`]: OIDC_CLIENT_SECRET,
  };
}

/** A real OpenID Connect provider (npm oidc-provider) configured like FranceConnect (fc) or
 *  ProConnect (pc), sending the browser back to the demo server. */
function provider(profile: 'fc' | 'pc', port: number) {
  const callback = `${BASE_URL}/connexion/${profile === 'fc' ? 'franceconnect' : 'proconnect'}/retour`;
  return {
    command: 'node provider.mjs',
    cwd: path.resolve(__dirname, '../tests/oidc'),
    url: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore' as const,
    stderr: 'ignore' as const,
    env: {
      PORT: String(port),
      PROFILE: profile,
      CLIENT_ID: OIDC_CLIENT_ID,
      CLIENT_SECRET: OIDC_CLIENT_SECRET,
      REDIRECT_URIS: callback,
      POST_LOGOUT_REDIRECT_URIS: `${BASE_URL}/deconnexion/retour`,
      MIN_STATE_NONCE_LENGTH: '32',
    },
  };
}

function server(name: string, { port, baseUrl, demo, mailDir, stateSignIn = false }: ServerOptions) {
  return {
    command: 'node start-server.mjs',
    url: `${baseUrl}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 },
    env: {
      APP_BIN,
      APP_DEMO: demo,
      E2E_SERVER_NAME: name,
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: SITE_ROOT,
      LEPTOS_OUTPUT_NAME: 'accelerateur',
      LEPTOS_ENV: 'DEV',
      RUST_LOG: process.env.E2E_RUST_LOG ?? 'warn',
      // No SMTP server: mails are .eml files the tests read; links point at this server.
      MAIL_DIR: mailDir,
      MAIL_POLL_MS: '200',
      // Charter evidence addresses are checked every 2 s instead of every minute.
      EVIDENCE_CHECK_SECONDS: '2',
      // The programme spec publishes evidence on a loopback address (the test server itself);
      // private, link-local and other inside addresses stay refused.
      EVIDENCE_ALLOW_LOOPBACK: '1',
      APP_BASE_URL: baseUrl,
      ...(stateSignIn ? { ...providerEnv('FRANCECONNECT', FRANCECONNECT_URL), ...providerEnv('PROCONNECT', PROCONNECT_URL) } : {}),
    },
  };
}

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1, // 2-core machine, and servers shared by all tests
  retries: 0,
  forbidOnly: !!process.env.CI,
  // A journey's time budget, not a speed check (benchmarks measure speed): on a loaded 2-core
  // CI machine a no-JavaScript journey of a dozen page loads took 33 s against 30.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
  },
  projects: [
    { name: 'hydrate', use: { ...chromium, javaScriptEnabled: true } },
    { name: 'no-js', use: { ...chromium, javaScriptEnabled: false } },
  ],
  // Two servers, both started from the same built binary, each on its own new database and mail
  // folder. The demo server serves every spec but hostile.spec.ts: tests create their own
  // accounts and only read the demo accounts. The hostile server (APP_DEMO=hostile: the same
  // demo with an HTML/script payload in every free text) serves hostile.spec.ts only.
  webServer: [
    provider('fc', FRANCECONNECT_PORT),
    provider('pc', PROCONNECT_PORT),
    server('demo', { port: PORT, baseUrl: BASE_URL, demo: '1', mailDir: MAIL_DIR, stateSignIn: true }),
    server('hostile', { port: HOSTILE_PORT, baseUrl: HOSTILE_URL, demo: 'hostile', mailDir: HOSTILE_MAIL_DIR }),
  ],
});
