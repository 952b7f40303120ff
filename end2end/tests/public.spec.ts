// Public pages: home page content, layout, language switch, 404, health check.

import type { Page, Response } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, expect, field, heading1, loadsScript, logIn, mainContent, mainNav, settle, test, visit } from './fixtures';

const HOME_H1_FR = "Le service public augmenté : l'accélérateur d'initiatives citoyennes";
const HOME_H1_EN = 'The augmented public service: the citizen initiatives accelerator';

const SECTIONS_FR = [
  'Les 4 étapes',
  'Les 5 critères de sélection',
  'Les 4 engagements de la charte',
  "Un accompagnement sur mesure par l'État",
  'Comment candidater',
];

const SECTIONS_EN = [
  'The 4 steps',
  'The 5 selection criteria',
  'The 4 charter commitments',
  'Tailored support from the State',
  'How to apply',
];

const CRITERIA = [
  "L'objectif d'intérêt général",
  "L'impact pour tous les Français",
  'La qualité du projet',
  "L'ouverture et la transparence",
  "L'intérêt de l'accompagnement par l'administration",
];

const COMMITMENTS = [
  'Le respect des valeurs du service public',
  'La transparence sur les dispositifs de financement et les ressources',
  'La publication des résultats, données et codes sources',
  "La participation à l'écosystème du service public augmenté",
];

const SUPPORTS = [
  "Accès aux données et outils numériques de l'État",
  'Coaching et stratégie de croissance du projet',
  "Mise en relation avec les bons contacts dans l'administration",
  'Solutions de financement et aide au montage juridique',
  'Conformité technique & protection des données',
  "Mise en réseau avec les lieux et communautés d'innovation",
  "Expérimentations locales avec l'aide de l'Etat",
  'Promotion et valorisation du projet',
];

test.describe('home page', () => {
  test('shows the title, the five sections and the seeded texts', async ({ page }) => {
    await visit(page, '/');
    await expect(page).toHaveTitle(/\S/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(heading1(page, HOME_H1_FR)).toBeVisible();

    const main = mainContent(page);
    for (const section of SECTIONS_FR) {
      await expect(main.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
    }
    for (const text of [...CRITERIA, ...COMMITMENTS, ...SUPPORTS]) {
      await expect(main.getByText(text).first(), `"${text}" on the home page`).toBeVisible();
    }
  });

  test('has the common layout: skip links, landmarks, service title, menu', async ({ page }) => {
    await visit(page, '/');

    const skipLinks = page.getByRole('navigation', { name: 'Accès rapide', exact: true });
    await expect(skipLinks).toHaveCount(1);
    await expect(skipLinks.getByRole('link', { name: 'Contenu', exact: true })).toHaveAttribute('href', '#contenu');
    await expect(skipLinks.getByRole('link', { name: 'Menu', exact: true })).toHaveAttribute('href', '#navigation');
    // The skip links' targets exist: the main content and the main menu.
    await expect(page.locator('main#contenu')).toHaveCount(1);
    await expect(page.locator('nav#navigation')).toHaveCount(1);
    await expect(mainNav(page)).toHaveAttribute('id', 'navigation');

    await expect(page.getByRole('banner')).toHaveCount(1);
    await expect(page.getByRole('main')).toHaveCount(1);
    await expect(page.getByRole('contentinfo')).toHaveCount(1);
    await expect(
      page.getByRole('banner').getByRole('link', { name: "L'accélérateur d'initiatives citoyennes" }),
    ).toBeVisible();

    const nav = mainNav(page);
    await expect(nav.getByRole('link', { name: 'Accueil', exact: true })).toHaveAttribute('href', '/');
    await expect(nav.getByRole('link', { name: 'Se connecter', exact: true })).toHaveAttribute('href', '/connexion');
    await expect(nav.getByRole('link', { name: 'Créer un compte', exact: true })).toHaveAttribute('href', '/inscription');
  });

  test('menu links lead to the sign-up and log-in pages', async ({ page }) => {
    await visit(page, '/');
    await mainNav(page).getByRole('link', { name: 'Créer un compte', exact: true }).click();
    await expect(page).toHaveURL(/\/inscription$/);
    await expect(heading1(page, 'Créer un compte')).toBeVisible();
    await settle(page);

    await mainNav(page).getByRole('link', { name: 'Se connecter', exact: true }).click();
    await expect(page).toHaveURL(/\/connexion$/);
    await expect(heading1(page, 'Se connecter')).toBeVisible();
    await settle(page);

    await mainNav(page).getByRole('link', { name: 'Accueil', exact: true }).click();
    await expect(heading1(page, HOME_H1_FR)).toBeVisible();
    await settle(page);
  });
});

test.describe('language switch', () => {
  test('switches the home page to English and back to French', async ({ page }) => {
    await visit(page, '/');

    const english = page.getByRole('link', { name: 'English', exact: true });
    await expect(english).toHaveAttribute('lang', 'en');
    await english.click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(heading1(page, HOME_H1_EN)).toBeVisible();
    await expect(page).toHaveURL('/');
    await settle(page);
    const main = mainContent(page);
    for (const section of SECTIONS_EN) {
      await expect(main.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
    }
    await expect(page.getByRole('navigation', { name: 'Main menu', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Skip links', exact: true })).toHaveCount(1);

    await page.getByRole('link', { name: 'Français', exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(heading1(page, HOME_H1_FR)).toBeVisible();
    await settle(page);
  });

  test('stays on the current page and translates the form labels', async ({ page }) => {
    await visit(page, '/inscription');
    await page.getByRole('link', { name: 'English', exact: true }).click();

    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveURL(/\/inscription$/);
    await expect(heading1(page, 'Sign up')).toBeVisible();
    await settle(page);
    for (const label of ['Full name', 'Email address', 'Password', 'Confirm password']) {
      await expect(field(page, label)).toBeVisible();
    }
    await expect(mainContent(page).getByRole('button', { name: 'Create my account' })).toBeVisible();

    // The choice is remembered (cookie) on the next page.
    await visit(page, '/connexion');
    await expect(heading1(page, 'Log in')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});

test('an unknown page answers 404 with "Page non trouvée"', async ({ page }) => {
  await visit(page, '/cette-page-n-existe-pas', 404);
  await expect(heading1(page, 'Page non trouvée')).toBeVisible();
});

test('/healthz answers ok', async ({ request }) => {
  const response = await request.get('/healthz');
  expect(response.status()).toBe(200);
  expect((await response.text()).trim()).toBe('ok');
});

/** Signs the demo applicant in and opens their receipt: a page with an interactive part (its
 *  print button), so the one kind of page that loads the WebAssembly bundle. */
async function openReceipt(page: Page): Promise<Response> {
  await logIn(page, DEMO.applicant, DEMO_PASSWORD);
  await visit(page, '/candidatures');
  const href = await mainContent(page).locator('a[href$="/recepisse"]').first().getAttribute('href');
  expect(href, 'a receipt link on /candidatures').toBeTruthy();
  return visit(page, href!);
}

function strictPolicy(response: Response, what: string): string {
  const policy = response.headers()['content-security-policy'] ?? '';
  for (const part of ["script-src 'self' 'nonce-", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"]) {
    expect(policy, `Content-Security-Policy of ${what}: ${policy}`).toContain(part);
  }
  expect(policy).not.toContain('unsafe-inline');
  return policy;
}

test('every page carries a strict Content-Security-Policy and the app runs under it', async ({ page }) => {
  // Violations are reported to the page as events (and to the console, which the fixture watches).
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  strictPolicy(await visit(page, '/'), '/');
  const policy = strictPolicy(await openReceipt(page), 'the receipt');
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
  // Every inline script of the page carries this answer's nonce.
  const scripts = await page.locator('script').evaluateAll((els) => els.map((e) => e.getAttribute('nonce') ?? ''));
  expect(scripts.length).toBeGreaterThan(0);
  // Chromium hides the nonce attribute's value from scripts once applied; it shows through `.nonce`.
  const nonces = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(nonces.every((n) => n === nonce), `script nonces ${nonces.join(', ')} vs ${nonce}`).toBe(true);
  expect(scripts.length).toBe(nonces.length);
  if (test.info().project.name === 'hydrate') {
    // The app hydrated (settle waited for it): the WebAssembly and its scripts ran under the policy.
    await expect(page.locator('body')).toHaveAttribute('data-hydrated', 'true');
    const violations = await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
    expect(violations).toEqual([]);
  }
});

test('pages without interactive parts load no bundle and no WebAssembly', async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  const plain = ['/', '/initiatives', '/transparence', '/donnees', '/connexion', '/inscription'];
  for (const path of plain) await visit(page, path);
  await logIn(page, DEMO.applicant, DEMO_PASSWORD);
  for (const path of ['/candidatures', '/compte']) await visit(page, path);
  for (const path of [...plain, '/candidatures', '/compte']) {
    await page.goto(path);
    expect(await loadsScript(page), `${path} links the bundle`).toBe(false);
    // Islands mode: nothing outside an island is hydrated, so no loader and no record of the
    // data the page was rendered with; what remains is the renderer's empty preamble.
    expect(await page.locator('script[type=module], script[src]').count(), `scripts to run on ${path}`).toBe(0);
    const inline = await page.locator('script').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    for (const text of inline) expect(text, `inline script on ${path}`).toMatch(/^(__[A-Z_]+=\[\];)+$/);
    expect(await page.locator('leptos-island').count(), `islands on ${path}`).toBe(0);
  }
  expect(requested.filter((p) => p.startsWith('/pkg/') && !p.endsWith('.css')), 'bundle requests').toEqual([]);
  // The receipt has an interactive part: it loads the bundle (and, with JavaScript, runs it).
  requested.length = 0;
  await openReceipt(page);
  expect(await loadsScript(page)).toBe(true);
  // Its one island, the print button; the rest of the page is plain HTML.
  await expect(page.locator('leptos-island')).toHaveCount(1);
  if (test.info().project.name === 'hydrate') {
    expect(requested.some((p) => /^\/pkg\/accelerateur\.[\w-]+\.wasm$/.test(p)), requested.join(' ')).toBe(true);
    // The island runs: its button shows once hydrated and opens the print dialog.
    await page.evaluate(() => {
      (window as unknown as { __printed: number }).__printed = 0;
      window.print = () => {
        (window as unknown as { __printed: number }).__printed += 1;
      };
    });
    await mainContent(page).getByRole('button', { name: 'Imprimer le récépissé' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: number }).__printed)).toBe(1);
  } else {
    // Without JavaScript the button would do nothing: it stays hidden.
    await expect(mainContent(page).getByRole('button', { name: 'Imprimer le récépissé' })).toBeHidden();
  }
});

test('the static files leave compressed as the browser asks and are kept a year', async ({ page, request }) => {
  const home = await visit(page, '/');
  expect(home.headers()['cache-control'], 'pages are asked again before reuse').toBe('no-cache');
  await openReceipt(page);
  // The files the page links: the DSFR under its version, the bundle under its content's hash.
  const linked = await page.evaluate(() => [
    ...Array.from(document.querySelectorAll('link[rel=stylesheet], link[rel=icon], link[rel=modulepreload], link[rel=preload]')).map((l) => (l as HTMLLinkElement).href),
    ...Array.from(document.querySelectorAll('script[src]')).map((s) => (s as HTMLScriptElement).src),
  ]);
  const paths = [...new Set(linked.map((href) => new URL(href).pathname))];
  expect(paths.filter((p) => p.startsWith('/dsfr/')).length, paths.join(' ')).toBeGreaterThanOrEqual(2);
  const bundle = paths.filter((p) => p.startsWith('/pkg/'));
  expect(bundle.some((p) => /^\/pkg\/accelerateur\.[\w-]+\.css$/.test(p)), `hashed stylesheet in ${bundle.join(' ')}`).toBe(true);
  expect(bundle.some((p) => /^\/pkg\/accelerateur\.[\w-]+\.js$/.test(p)), `hashed script in ${bundle.join(' ')}`).toBe(true);
  for (const path of paths) {
    const plain = await request.get(path, { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.status(), path).toBe(200);
    expect(plain.headers()['cache-control'], path).toBe('public, max-age=31536000, immutable');
    if (path.endsWith('.png') || path.endsWith('.ico')) continue;
    expect(plain.headers()['content-encoding'], `${path} without compression`).toBeUndefined();
    for (const [accept, expected] of [['br', 'br'], ['gzip', 'gzip']]) {
      const packed = await request.get(path, { headers: { 'Accept-Encoding': accept } });
      expect(packed.headers()['content-encoding'], `${path} with Accept-Encoding: ${accept}`).toBe(expected);
      // Playwright decodes the body: the same bytes arrive.
      expect((await packed.body()).equals(await plain.body()), path).toBe(true);
    }
  }
});
