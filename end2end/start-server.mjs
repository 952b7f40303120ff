// Starts the already-built server binary for the end-to-end tests, on a fresh SQLite database.
//
// Run by Playwright's `webServer` (see playwright.config.ts), which passes the LEPTOS_* variables,
// APP_DEMO, MAIL_DIR and RUST_LOG. This script only adds DATABASE_URL, pointing at a new file in a
// new temporary directory, so that every run starts from an empty database seeded with the demo
// data. The directory is removed when the server stops (set E2E_KEEP_DB=1 to keep it for
// debugging). The config starts it twice (the demo server and the hostile one): E2E_SERVER_NAME
// names each in the messages and in its temporary directory, and each has its own MAIL_DIR.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');

const serverName = process.env.E2E_SERVER_NAME || 'demo';
const label = `[e2e server ${serverName}]`;

function fail(message) {
  console.error(`${label} ${message}`);
  process.exit(2);
}

if (!process.env.APP_BIN) {
  fail('APP_BIN is not set: give the path of the built server binary (e.g. APP_BIN=target/release/accelerateur).');
}
const appBin = path.resolve(process.env.APP_BIN);
try {
  fs.accessSync(appBin, fs.constants.X_OK);
} catch {
  fail(`APP_BIN=${appBin} does not exist or is not executable. Build the app first.`);
}

const siteRoot = process.env.LEPTOS_SITE_ROOT;
if (!siteRoot) {
  fail('LEPTOS_SITE_ROOT is not set (playwright.config.ts sets it from SITE_ROOT).');
}
if (!fs.existsSync(siteRoot) || !fs.statSync(siteRoot).isDirectory()) {
  fail(`SITE_ROOT=${siteRoot} is not a directory. It must be the built site (holding pkg/).`);
}

// The mail folder starts empty: a mail the tests read comes from this run.
if (process.env.MAIL_DIR) {
  fs.rmSync(process.env.MAIL_DIR, { recursive: true, force: true });
  fs.mkdirSync(process.env.MAIL_DIR, { recursive: true });
}

const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), `accelerateur-e2e-${serverName.replace(/[^a-z0-9-]/gi, '_')}-`));
const dbFile = path.join(tmpDir, 'e2e.sqlite');
for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, `${dbFile}-journal`]) {
  fs.rmSync(file, { force: true });
}

let stopping = false;
let cleanedUp = false;
function cleanUp() {
  if (cleanedUp) return;
  cleanedUp = true;
  if (process.env.E2E_KEEP_DB === '1') {
    console.error(`${label} database kept in ${dbFile}`);
    return;
  }
  try {
    fs.rmSync(tmpDir, { recursive: true, force: true });
  } catch (error) {
    console.error(`${label} could not remove ${tmpDir}: ${error}`);
  }
}

const child = spawn(appBin, [], {
  cwd: repoRoot,
  env: { ...process.env, LEPTOS_SITE_ROOT: path.resolve(siteRoot), DATABASE_URL: `sqlite:${dbFile}?mode=rwc` },
  stdio: 'inherit',
});

child.on('error', (error) => {
  cleanUp();
  fail(`could not start ${appBin}: ${error.message}`);
});

child.on('exit', (code, signal) => {
  cleanUp();
  if (signal && !stopping) console.error(`${label} server killed by ${signal}`);
  process.exit(stopping ? 0 : code ?? 1);
});

// Playwright stops the web server by sending SIGTERM to the whole process group; the binary gets
// it too, but forward it anyway (e.g. when this script is run by hand and stopped with Ctrl-C).
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopping = true;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, 8_000).unref();
  });
}
