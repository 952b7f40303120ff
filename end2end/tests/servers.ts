// The two servers of the end-to-end run (both started by playwright.config.ts from the same
// built binary, each on its own temporary SQLite database and mail folder):
// - the demo server (APP_DEMO=1) on E2E_PORT (default 3100), used by every spec but one;
// - the hostile server (APP_DEMO=hostile) on E2E_PORT + 1: the same demo with an HTML/script
//   payload in every free text, used by hostile.spec.ts only.

import { MAIL_DIR } from './mail';

export const PORT = Number(process.env.E2E_PORT ?? '3100');
export const BASE_URL = `http://127.0.0.1:${PORT}`;

export const HOSTILE_PORT = PORT + 1;
export const HOSTILE_URL = `http://127.0.0.1:${HOSTILE_PORT}`;
/** The two test OpenID Connect providers (tests/oidc/provider.mjs): FranceConnect-like and
 *  ProConnect-like, on the next ports; only the demo server is configured with them. */
export const FRANCECONNECT_PORT = PORT + 2;
export const PROCONNECT_PORT = PORT + 3;
export const FRANCECONNECT_URL = `http://127.0.0.1:${FRANCECONNECT_PORT}`;
export const PROCONNECT_URL = `http://127.0.0.1:${PROCONNECT_PORT}`;
export const OIDC_CLIENT_ID = 'accelerateur-e2e';
export const OIDC_CLIENT_SECRET = 'un-secret-de-test-de-bout-en-bout-assez-long';

/** The hostile server's mail folder (emptied at its start, like the demo server's). */
export const HOSTILE_MAIL_DIR = process.env.E2E_HOSTILE_MAIL_DIR ?? `${MAIL_DIR}-hostile`;
