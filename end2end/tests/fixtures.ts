// Shared fixtures and helpers of the end-to-end suite.
//
// - `test` replaces the `page` fixture with one that watches the page for the whole test and fails
//   the test at the end on: console errors, uncaught page errors, HTTP responses >= 500, JavaScript
//   dialogs (alert/confirm/prompt: a sign of injected script) and page crashes.
// - `checkA11y(page)` runs axe (WCAG 2.0/2.1 A and AA) and expects zero violations.
// - `settle(page)` = wait for hydration (project "hydrate" only) + one <h1> + `checkA11y`: call it
//   each time a test lands on a new page.
// - Small helpers for the UI contract (docs/ui-contract.md): navigation, forms, menus, accounts.

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Locator, type Page, type Response } from '@playwright/test';
import { linkIn, mailTo } from './mail';

export { expect };

// ---------------------------------------------------------------------------------------------
// Demo data (APP_DEMO=1). Read-only: never change these accounts (the server is shared).

export const DEMO_PASSWORD = 'Demo-accelerateur-2026';

export const DEMO = {
  admin: 'admin@demo.accelerateur.fr',
  staff: 'agent@demo.accelerateur.fr',
  juror: 'jure@demo.accelerateur.fr',
  applicant: 'candidat@demo.accelerateur.fr',
} as const;

export type Role = keyof typeof DEMO;

/** What /compte says of each demo account (French UI): its authority, and a seat on a jury. */
export const ROLE_LABEL: Record<Role, string> = {
  admin: 'Administrateur',
  staff: 'Agent',
  juror: "Citoyen — membre d'un jury citoyen",
  applicant: 'Citoyen',
};

/** Links of the main menu ("Menu principal") for each kind of visitor, French UI. */
export const MENU_LINKS: Record<Role | 'anonymous', string[]> = {
  anonymous: ['Accueil', 'Initiatives', 'Se connecter', 'Créer un compte'],
  applicant: ['Accueil', 'Initiatives', 'Mes candidatures', 'Mon compte'],
  // A juror is a citizen with a seat: both spaces.
  juror: ['Accueil', 'Initiatives', 'Mes candidatures', 'Mon espace juré', 'Mon compte'],
  staff: ['Accueil', 'Initiatives', 'Mon compte', 'Cohortes', 'Courriels'],
  admin: ['Accueil', 'Initiatives', 'Mon compte', 'Cohortes', 'Courriels', 'Utilisateurs'],
};

// ---------------------------------------------------------------------------------------------
// The watched page.

/** Chromium logs this console error for every HTTP error response, including the documents of
 *  the 401/403/404 pages that the tests visit on purpose (their status is asserted separately). */
const RESOURCE_ERROR = /^Failed to load resource: the server responded with a status of (\d{3})\b/;

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const consoleErrors: { text: string; url: string }[] = [];
    const problems: string[] = [];
    // Main-frame documents answered with a 4xx status: expected error pages.
    const errorDocuments = new Set<string>();

    page.on('console', (message) => {
      if (message.type() === 'error') {
        consoleErrors.push({ text: message.text(), url: message.location().url });
      }
    });
    page.on('pageerror', (error) => {
      problems.push(`uncaught error in the page: ${error.stack ?? error.message}`);
    });
    page.on('response', (response) => {
      const status = response.status();
      const request = response.request();
      if (status >= 500) {
        problems.push(`HTTP ${status} for ${request.method()} ${response.url()}`);
      } else if (status >= 400 && request.isNavigationRequest() && request.frame() === page.mainFrame()) {
        errorDocuments.add(response.url());
      }
    });
    page.on('dialog', (dialog) => {
      problems.push(`unexpected JavaScript dialog (${dialog.type()}): ${dialog.message()}`);
      dialog.dismiss().catch(() => {});
    });
    page.on('crash', () => problems.push('the page crashed'));

    await use(page);

    for (const { text, url } of consoleErrors) {
      const status = RESOURCE_ERROR.exec(text)?.[1];
      // Server functions answer application errors (401, 403, 422, 429) with their status on
      // purpose; the page shows the message, so only 5xx counts as a problem there.
      const isApi = url !== '' && new URL(url).pathname.startsWith('/api/');
      if (status && Number(status) < 500 && (errorDocuments.has(url) || isApi)) continue;
      problems.push(`console error: ${text}${url ? ` (at ${url})` : ''}`);
    }
    if (problems.length > 0) {
      await testInfo.attach('page-problems.txt', { body: problems.join('\n'), contentType: 'text/plain' });
    }
    expect(problems, `Problems seen in the page during the test:\n  ${problems.join('\n  ')}`).toEqual([]);
  },
});

// ---------------------------------------------------------------------------------------------
// Hydration and accessibility.

const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

function javaScriptEnabled(): boolean {
  return test.info().project.use.javaScriptEnabled !== false;
}

/** Whether the current document loads the WebAssembly bundle (only the pages with interactive
 *  parts do: the candidature steps, the review, the receipt; see `Page::nature` in src/domain/paths.rs). */
export async function loadsScript(page: Page): Promise<boolean> {
  return (await page.locator('link[rel=modulepreload][href^="/pkg/"]').count()) > 0;
}

/** In the "hydrate" project, on a page that loads the bundle, waits until the app has hydrated
 *  it: the app sets `data-hydrated="true"` on <body> once the WebAssembly bundle has hydrated.
 *  No-op otherwise (the other pages are plain HTML and forms, as without JavaScript). */
export async function waitForHydration(page: Page): Promise<void> {
  if (test.info().project.name !== 'hydrate') return;
  if (!(await loadsScript(page))) return;
  await expect(
    page.locator('body'),
    'hydration: the app must set data-hydrated="true" on <body> once the page is hydrated',
  ).toHaveAttribute('data-hydrated', 'true', { timeout: 20_000 });
}

/** With JavaScript disabled, Chromium still lets Playwright evaluate scripts and resolves promises,
 *  but never fires timers (setTimeout, queueMicrotask), which axe needs. Replace them, in every
 *  frame of this page only, by promise callbacks: zero-delay timers run as soon as possible, and
 *  timers with a delay (axe only uses them for its own time-outs) never fire. The page's own
 *  scripts do not run in this project, so nothing else sees the replacement. */
async function replaceTimersForAxe(page: Page): Promise<void> {
  for (const frame of page.frames()) {
    await frame.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      if (w.__e2eTimersReplaced) return;
      w.__e2eTimersReplaced = true;
      let nextId = 1;
      const cancelled = new Set<number>();
      w.setTimeout = (callback: unknown, delay?: number, ...args: unknown[]) => {
        const id = nextId++;
        if (!delay && typeof callback === 'function') {
          Promise.resolve().then(() => {
            if (!cancelled.has(id)) callback(...args);
          });
        }
        return id;
      };
      w.clearTimeout = (id: number) => {
        cancelled.add(id);
      };
    });
  }
}

/** Runs axe on the current page (WCAG 2.0 and 2.1, levels A and AA) and expects no violation. */
export async function checkA11y(page: Page): Promise<void> {
  if (!javaScriptEnabled()) await replaceTimersForAxe(page);
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const violations = results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => `      ${node.target.join(' ')}`).join('\n');
    return `${violation.id} [${violation.impact ?? 'n/a'}] ${violation.help} (${violation.helpUrl})\n${targets}`;
  });
  if (violations.length > 0) {
    await test.info().attach(`axe-violations-${new URL(page.url()).pathname}.json`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  expect(
    violations,
    `Accessibility violations on ${page.url()}:\n  ${violations.join('\n  ')}`,
  ).toEqual([]);
}

/** To call once the test has landed on a new page (after asserting something specific to it):
 *  waits for hydration, checks there is one <h1>, then checks accessibility. */
export async function settle(page: Page): Promise<void> {
  await waitForHydration(page);
  await expect(page.locator('h1'), 'one <h1> per page').toHaveCount(1);
  await checkA11y(page);
}

/** Opens `path`, checks the HTTP status of the document, then `settle`s. */
export async function visit(page: Page, path: string, status = 200): Promise<Response> {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  expect(response!.status(), `HTTP status of GET ${path}`).toBe(status);
  await settle(page);
  return response!;
}

// ---------------------------------------------------------------------------------------------
// Locators.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A form field by its label: the label text, optionally followed by more words (a hint, a "*").
 *  "Mot de passe" thus does not match "Confirmer le mot de passe". */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^${escapeRegExp(label)}(?:\\s|$)`));
}

export const mainContent = (page: Page): Locator => page.getByRole('main');

export const mainNav = (page: Page): Locator => page.getByRole('navigation', { name: 'Menu principal' });

export const heading1 = (page: Page, name: string): Locator =>
  page.getByRole('heading', { level: 1, name, exact: true });

/** An announced message (role=alert for errors, role=status for confirmations) containing `text`. */
export const alertWith = (page: Page, text: string): Locator =>
  page.locator('[role=alert], [role=status]').filter({ hasText: text });

/** Text in the main content (first occurrence: an error may also be repeated in a summary). */
export const textInMain = (page: Page, text: string): Locator => mainContent(page).getByText(text).first();

/** Expects the main menu to hold exactly these links (any order), and the "Se déconnecter"
 *  button when signed in. */
export async function expectMenu(page: Page, links: string[], signedIn: boolean): Promise<void> {
  const nav = mainNav(page);
  await expect(nav).toBeVisible();
  await expect
    .poll(
      async () => (await nav.getByRole('link').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).sort(),
      { message: `links of the main menu should be exactly ${JSON.stringify(links)}` },
    )
    .toEqual([...links].sort());
  const logout = nav.getByRole('button', { name: 'Se déconnecter' });
  if (signedIn) await expect(logout).toBeVisible();
  else await expect(logout).toHaveCount(0);
}

// ---------------------------------------------------------------------------------------------
// Accounts and forms.

export interface Account {
  name: string;
  email: string;
  password: string;
}

let counter = 0;

/** A unique id, so that tests never collide on the shared server (and across runs). */
export function uniqueId(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${Math.random().toString(36).slice(2, 7)}`;
}

/** A new, not yet created, account. */
export function newAccount(tag = 'compte'): Account {
  const id = uniqueId();
  return {
    name: `Camille Essai ${id}`,
    email: `e2e-${tag}-${id}@example.com`,
    password: `Essai-e2e-${id}-mot-de-passe`,
  };
}

/** Lets the server see what the browser would otherwise refuse to submit: disables the native
 *  constraint validation of the forms (required, type=email, minlength...) and drops maxlength. */
export async function relaxNativeValidation(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const form of Array.from(document.forms)) form.noValidate = true;
    for (const input of Array.from(document.querySelectorAll('[maxlength]'))) input.removeAttribute('maxlength');
  });
}

export interface SignUpFields {
  name: string;
  email: string;
  password: string;
  confirm?: string; // defaults to password
}

/** On /inscription: fills the form and submits it (the outcome is checked by the caller). */
export async function submitSignUp(page: Page, fields: SignUpFields): Promise<void> {
  await field(page, 'Nom et prénom').fill(fields.name);
  await field(page, 'Adresse électronique').fill(fields.email);
  await field(page, 'Mot de passe').fill(fields.password);
  await field(page, 'Confirmer le mot de passe').fill(fields.confirm ?? fields.password);
  await mainContent(page).getByRole('button', { name: 'Créer mon compte' }).click();
}

/** Lands on /compte (h1 "Mon compte") and settles. */
export async function expectAccountPage(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/compte(?:[?#].*)?$/);
  await expect(heading1(page, 'Mon compte')).toBeVisible();
  await settle(page);
}

/** Creates the account through /inscription and confirms its address with the link mailed to
 *  it; ends signed in, on /compte. */
export async function signUp(page: Page, account: Account): Promise<void> {
  await visit(page, '/inscription');
  await submitSignUp(page, account);
  await expectAccountPage(page);
  await confirmAddress(page, account.email);
}

/** Opens the confirmation link mailed to `email` and confirms; ends on /compte, confirmed. */
export async function confirmAddress(page: Page, email: string): Promise<void> {
  const mail = await mailTo(email, 'Confirmez votre adresse électronique');
  await visit(page, linkIn(mail, '/compte/verification/'));
  await mainContent(page).getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/compte\?ok=adresse-confirmee$/);
  await expect(alertWith(page, 'Votre adresse électronique est confirmée.')).toBeVisible();
  await settle(page);
}

/** On /connexion: fills the form and submits it (the outcome is checked by the caller). */
export async function submitLogIn(page: Page, email: string, password: string): Promise<void> {
  await field(page, 'Adresse électronique').fill(email);
  await field(page, 'Mot de passe').fill(password);
  await mainContent(page).getByRole('button', { name: 'Se connecter' }).click();
}

/** Signs in through /connexion; ends on /compte. */
export async function logIn(page: Page, email: string, password: string): Promise<void> {
  await visit(page, '/connexion');
  await submitLogIn(page, email, password);
  await expectAccountPage(page);
}

/** Signs out with the menu button; ends on the page the app redirects to, signed out. */
export async function logOut(page: Page): Promise<void> {
  await mainNav(page).getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(mainNav(page).getByRole('link', { name: 'Se connecter', exact: true })).toBeVisible();
  await expect(mainNav(page).getByRole('link', { name: 'Mon compte', exact: true })).toHaveCount(0);
  await settle(page);
}
