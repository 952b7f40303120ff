// Hostile data: every text that came from a person stays inert on every page.
//
// Runs against the hostile server (playwright.config.ts starts it on E2E_PORT + 1 with
// APP_DEMO=hostile): the same demo as APP_DEMO=1, but every free text of every record (display
// names, cohort and project names, every candidature field, co-applicants, messages, cohort
// messages, review comments, conflict notes, decision and screening reasons, support notes and
// decline reasons, milestones, check-ins, evidence, charter signatures, mail subjects) ends with a
// payload (src/server/seed.rs, `payload`) that closes <textarea>, <title>, <style> and <script>,
// breaks out of both quote kinds of attributes, then creates <img id=xss-img onerror>,
// <script id=xss-script> and <svg id=xss-svg onload>; web addresses are `javascript:alert(4)` or
// an https address carrying the same markup.
//
// 1. Crawl, per kind of visitor (anonymous, applicant, co-applicant, holders of a draft, of a
//    candidature sent back for correction and of a project in its programme, juror, staff,
//    admin): from the visitor's landing pages, every same-origin link is followed (read-only GETs
//    only: no CSV/JSON/PDF files, no downloads, no /langue/, no /api/), at most HOSTILE_MAX_PAGES
//    pages (default 60) and HOSTILE_PER_KIND pages of one kind (default 6; `/projets/:id` is a
//    kind). On every page: no element with the payload's ids, no element with any on* event
//    attribute, no javascript: address in a link, form, frame or image, exactly one HTML <title>
//    and it is in <head>. Axe runs on every anonymous page and on the first page of each crawl.
//    So that the crawl cannot pass vacuously, known pages must show the payload as text
//    (`<img src=x id=xss-img onerror=alert(1)>` literally), in document.title for the pages
//    titled after a record, and in the value of a form field where a stored text refills one.
// 2. Crafted refused-form links: a form refused without JavaScript comes back with `__path`
//    (the server function's address) and `__err` (the error, base64url of its JSON) in the
//    query, and the page refills the form from the error's kept values. For every form that
//    refills text, the link is built with the payload in every kept field and opened as the
//    visitor who sees the form: nothing may be created, the page must show the refused form's
//    alert (proof that the error was read) and the payload as the value of the fields.
//    Query parameters a page writes back into itself (`retour`, the search box) get the same
//    checks.
//
// The fixture (`test` from fixtures.ts) also fails each test on any console error (a blocked
// inline script or handler is logged as a Content-Security-Policy violation), uncaught page
// error, JavaScript dialog (alert(1..4) would open one) or 5xx response.
//
// Run alone: cd end2end && APP_BIN=... SITE_ROOT=... npx playwright test hostile.spec.ts

import type { Page } from '@playwright/test';
import { checkA11y, DEMO_PASSWORD, expect, logIn, test, waitForHydration } from './fixtures';
import { HOSTILE_URL } from './servers';

test.use({ baseURL: HOSTILE_URL });

/** What every text payload of the hostile demo contains, shown as text (seed.rs `payload`). */
const MARK = '<img src=x id=xss-img onerror=alert(1)>';

/** The payload the crafted links put in every kept field (seed.rs `payload::FULL`). */
const PAYLOAD =
  '</textarea></title></style></script>"\'><img src=x id=xss-img onerror=alert(1)>' +
  '<script id=xss-script>alert(2)</script><svg id=xss-svg onload=alert(3)>';

/** Accounts of the hostile demo (the demo's, plus its co-applicant); password DEMO_PASSWORD. */
const ACCOUNT = {
  applicant: 'candidat@demo.accelerateur.fr',
  coApplicant: 'coporteuse@demo.accelerateur.fr',
  draftHolder: 'porteuse.brouillon@demo.accelerateur.fr',
  correctionHolder: 'porteur.aidesjeunes@demo.accelerateur.fr',
  programmeHolder: 'porteuse.dossier@demo.accelerateur.fr',
  juror: 'jure@demo.accelerateur.fr',
  staff: 'agent@demo.accelerateur.fr',
  admin: 'admin@demo.accelerateur.fr',
} as const;

const CRITERIA = ['public_interest', 'impact_for_all', 'project_quality', 'openness', 'support_value'];

const MAX_PAGES = Number(process.env.HOSTILE_MAX_PAGES ?? '60');
const PER_KIND = Number(process.env.HOSTILE_PER_KIND ?? '6');

// ---------------------------------------------------------------------------------------------
// What a page holds.

interface Inspection {
  /** Elements the payload would create, and elements carrying an on* event attribute. */
  created: string[];
  /** Elements whose address (href, src, action, formaction) is javascript: or vbscript:. */
  scriptUrls: string[];
  /** <title> elements of the HTML namespace (SVG titles are not counted). */
  htmlTitles: number;
  titleInHead: boolean;
  title: string;
  /** The visible text shows the payload as text. */
  textShowsMark: boolean;
  /** A field's value shows the payload. */
  fieldShowsMark: boolean;
  /** Same-origin addresses of the links (download links left out). */
  links: string[];
}

async function inspect(page: Page): Promise<Inspection> {
  return page.evaluate((mark) => {
    const describe = (el: Element) => el.outerHTML.slice(0, 240);
    const created = new Set<string>();
    for (const el of Array.from(document.querySelectorAll('#xss-img, #xss-script, #xss-svg'))) created.add(describe(el));
    const scriptUrls = new Set<string>();
    const addressAttributes = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        const name = attr.name.toLowerCase();
        if (name.startsWith('on')) created.add(describe(el));
        if (addressAttributes.includes(name) && /^[\s\u0000-\u001f]*(javascript|vbscript):/i.test(attr.value)) {
          scriptUrls.add(describe(el));
        }
      }
    }
    const titles = Array.from(document.getElementsByTagName('title')).filter(
      (t) => t.namespaceURI === 'http://www.w3.org/1999/xhtml',
    );
    const fields = Array.from(document.querySelectorAll('input, textarea')) as (HTMLInputElement | HTMLTextAreaElement)[];
    const links = Array.from(document.querySelectorAll('a[href]:not([download])'))
      .map((a) => (a as HTMLAnchorElement).href)
      .filter((href) => {
        try {
          return new URL(href).origin === location.origin;
        } catch {
          return false;
        }
      });
    return {
      created: [...created],
      scriptUrls: [...scriptUrls],
      htmlTitles: titles.length,
      titleInHead: titles.length > 0 && document.head.contains(titles[0]),
      title: document.title,
      textShowsMark: (document.body?.innerText ?? '').includes(mark),
      fieldShowsMark: fields.some((f) => f.value.includes(mark)),
      links,
    };
  }, MARK);
}

/** The checks every page must pass (soft: one run lists every page that fails). */
function expectInert(where: string, r: Inspection): void {
  expect.soft(r.created, `${where}: elements or event handlers created by a payload`).toEqual([]);
  expect.soft(r.scriptUrls, `${where}: javascript: addresses`).toEqual([]);
  expect.soft(r.htmlTitles, `${where}: exactly one <title> (a payload closing it would add markup)`).toBe(1);
  expect.soft(r.titleInHead, `${where}: the <title> is in <head>`).toBe(true);
}

/** Runs `check`; a failure is recorded (soft) instead of stopping the test. */
async function softly(what: string, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    expect.soft(`${error instanceof Error ? error.message : error}`, what).toBe('');
  }
}

/** Opens `path`, waits for hydration (project "hydrate"), inspects, checks. */
async function open(page: Page, path: string, where: string, axe = false): Promise<{ status: number; inspection: Inspection }> {
  const response = await page.goto(path);
  const status = response?.status() ?? 0;
  expect.soft(status, `${where}: HTTP status of GET ${path}`).toBeLessThan(500);
  await softly(`${where}: hydration of ${path}`, () => waitForHydration(page));
  if (axe) await softly(`${where}: accessibility of ${path}`, () => checkA11y(page));
  const inspection = await inspect(page);
  expectInert(`${where} ${path}`, inspection);
  return { status, inspection };
}

// ---------------------------------------------------------------------------------------------
// The crawl.

/** Never followed: files, downloads, state changes, the language switch, the API. */
const SKIP = [
  /^\/langue\//,
  /^\/api\//,
  /^\/pkg\//,
  /^\/dsfr\//,
  /^\/healthz/,
  /\/piece-jointe/,
  /deconnexion|logout/,
  /\.(csv|json|pdf|xml|txt|png|jpe?g|svg|ico|css|js|wasm|woff2?)$/i,
];

/** Public pages: crawled by the anonymous visitor only (the same for everyone). */
const PUBLIC = [/^\/$/, /^\/initiatives/, /^\/transparence/, /^\/donnees/, /^\/connexion/, /^\/inscription/, /^\/mot-de-passe/];

/** The kind of a page: its path with ids (and link tokens) replaced. */
function kindOf(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id').replace(/\/[A-Za-z0-9_-]{24,}(?=\/|$)/g, '/:jeton');
}

interface Visit {
  path: string;
  status: number;
  inspection: Inspection;
}

interface Crawl {
  who: string;
  /** Account to log in with; none for the anonymous visitor. */
  email?: string;
  starts: string[];
  /** Axe on every page (else on the first page only). */
  axeEverywhere?: boolean;
  max?: number;
  /** Paths (patterns) of which at least one visited page must show the payload as text. */
  textOn: RegExp[];
  /** A visited page's document.title must show the payload. */
  titleProof?: boolean;
  /** A visited page's form field must show a stored payload as its value. */
  fieldProof?: boolean;
}

async function crawl(page: Page, c: Crawl): Promise<Visit[]> {
  const max = c.max ?? MAX_PAGES;
  const queue = [...c.starts];
  const queued = new Set(queue);
  const perKind = new Map<string, number>();
  for (const path of queue) perKind.set(kindOf(path), (perKind.get(kindOf(path)) ?? 0) + 1);
  const visits: Visit[] = [];
  while (queue.length > 0 && visits.length < max) {
    const path = queue.shift()!;
    const { status, inspection } = await open(page, path, c.who, c.axeEverywhere || visits.length === 0);
    visits.push({ path, status, inspection });
    for (const href of inspection.links) {
      const next = new URL(href).pathname;
      if (queued.has(next) || SKIP.some((r) => r.test(next))) continue;
      if (c.email && PUBLIC.some((r) => r.test(next))) continue;
      const kind = kindOf(next);
      if ((perKind.get(kind) ?? 0) >= PER_KIND) continue;
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      queued.add(next);
      queue.push(next);
    }
  }
  const list = visits.map((v) => `${v.status} ${v.path}`).join('\n');
  test.info().annotations.push({
    type: `pages (${c.who})`,
    description: `${visits.length} pages, ${queue.length} left unvisited`,
  });
  await test.info().attach(`pages-${c.who}.txt`, { body: `${list}\n(${queue.length} queued, not visited)\n`, contentType: 'text/plain' });
  console.log(`[hostile] ${c.who}: ${visits.length} pages visited, ${queue.length} queued but not visited`);
  return visits;
}

/** The proofs that the data is there, so that a page without it cannot pass for inert. */
function expectPayloadShown(c: Crawl, visits: Visit[]): void {
  const visited = visits.map((v) => v.path).join(', ');
  for (const pattern of c.textOn) {
    const pages = visits.filter((v) => pattern.test(v.path));
    expect.soft(pages.length, `${c.who}: a page matching ${pattern} is visited (visited: ${visited})`).toBeGreaterThan(0);
    expect
      .soft(
        pages.some((v) => v.inspection.textShowsMark),
        `${c.who}: a page matching ${pattern} shows the payload « ${MARK} » as text`,
      )
      .toBe(true);
  }
  if (c.titleProof) {
    const titled = visits.some((v) => v.inspection.title.includes(MARK));
    expect.soft(titled, `${c.who}: a page titled after a record shows the payload in its title`).toBe(true);
  }
  if (c.fieldProof) {
    expect.soft(visits.some((v) => v.inspection.fieldShowsMark), `${c.who}: a form field shows a stored payload as its value`).toBe(true);
  }
}

const CRAWLS: Crawl[] = [
  {
    who: 'anonymous',
    starts: ['/', '/initiatives', '/transparence', '/donnees', '/donnees-personnelles', '/connexion', '/inscription', '/mot-de-passe-oublie'],
    axeEverywhere: true,
    textOn: [/^\/initiatives$/, /^\/initiatives\/\d+$/],
    titleProof: true,
  },
  {
    who: 'applicant',
    email: ACCOUNT.applicant,
    starts: ['/candidatures', '/compte', '/compte/supprimer'],
    textOn: [/^\/candidatures$/, /^\/candidatures\/\d+\/messages$/, /^\/compte$/, /^\/compte\/supprimer$/],
    titleProof: true,
  },
  {
    who: 'co-applicant',
    email: ACCOUNT.coApplicant,
    starts: ['/candidatures', '/compte'],
    textOn: [/^\/candidatures$/, /^\/projets\/\d+$/],
    titleProof: true,
  },
  {
    who: 'holder of a draft',
    email: ACCOUNT.draftHolder,
    starts: ['/candidatures'],
    max: 15,
    textOn: [/^\/candidatures$/],
    fieldProof: true,
  },
  {
    who: 'holder asked for a correction',
    email: ACCOUNT.correctionHolder,
    starts: ['/candidatures'],
    max: 15,
    textOn: [/^\/candidatures$/],
    fieldProof: true,
  },
  {
    who: 'holder of a project in its programme',
    email: ACCOUNT.programmeHolder,
    starts: ['/candidatures'],
    max: 20,
    textOn: [/^\/candidatures$/, /^\/projets\/\d+$/],
    titleProof: true,
    fieldProof: true,
  },
  {
    who: 'juror',
    email: ACCOUNT.juror,
    starts: ['/jury', '/compte'],
    textOn: [/^\/jury$/, /^\/evaluations\/\d+$/, /^\/jury\/cohortes\/\d+\/engagements$/],
    titleProof: true,
    fieldProof: true,
  },
  {
    who: 'staff',
    email: ACCOUNT.staff,
    starts: ['/agent/cohortes', '/agent/courriels', '/agent/programme', '/compte'],
    textOn: [/^\/agent\/cohortes$/, /^\/agent\/courriels$/, /^\/agent\/candidatures\/\d+$/, /^\/projets\/\d+$/],
    titleProof: true,
    fieldProof: true,
  },
  {
    who: 'admin',
    email: ACCOUNT.admin,
    starts: ['/admin/utilisateurs', '/agent/cohortes', '/compte'],
    max: 15,
    textOn: [/^\/admin\/utilisateurs$/],
  },
];

test.describe('hostile data stays inert: crawl', () => {
  for (const c of CRAWLS) {
    test(`every page ${c.who} can reach`, async ({ page }) => {
      test.setTimeout(300_000);
      if (c.email) await logIn(page, c.email, DEMO_PASSWORD);
      const visits = await crawl(page, c);
      expectPayloadShown(c, visits);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Crafted refused-form links.

/** The `__err` value Leptos reads back: the error's JSON (serde, `AppError::Invalid(FormErrors)`
 *  with its kept values), in base64 with the URL-safe alphabet and padding (server_fn's
 *  `ServerFnUrlError::to_url`: `URL_SAFE.encode(error.ser())`). */
function encodeRefusal(kept: [string, string][]): string {
  const error = { Invalid: { errors: [{ field: kept[0][0], problem: 'Required' }], kept } };
  return Buffer.from(JSON.stringify(error), 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** `path` as the browser comes back to it after `serverFn` refused a post keeping `kept`. */
function refusedUrl(path: string, serverFn: string, kept: [string, string][]): string {
  const url = new URL(path, HOSTILE_URL);
  url.searchParams.append('__path', serverFn);
  url.searchParams.append('__err', encodeRefusal(kept));
  return `${url.pathname}${url.search}`;
}

interface Refusal {
  /** What the form is. */
  form: string;
  /** The server function the form posts to (its `action`). */
  fn: string;
  /** Kept fields; every value is PAYLOAD unless given. */
  kept: (string | [string, string])[];
  /** Selectors of the fields that must show PAYLOAD as their value. */
  shown: string[];
}

const keptPairs = (kept: Refusal['kept']): [string, string][] => kept.map((k) => (typeof k === 'string' ? [k, PAYLOAD] : k));

/** Opens the refused-form link of `r` on `path` and checks it. */
async function openRefused(page: Page, path: string, r: Refusal): Promise<void> {
  const where = `${r.form} (${path}, refused by ${r.fn})`;
  await open(page, refusedUrl(path, r.fn, keptPairs(r.kept)), where);
  expect.soft(await page.locator(`form[action="${r.fn}"]`).count(), `${where}: a form posting to ${r.fn}`).toBeGreaterThan(0);
  await expect
    .soft(
      page.locator('[role=alert]').filter({ hasText: 'Le formulaire contient des erreurs' }).first(),
      `${where}: the refused form's alert (the crafted error was read)`,
    )
    .toBeVisible();
  for (const selector of r.shown) {
    const values = await page.locator(selector).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const message = `${where}: ${selector} shows the payload as its value (values: ${JSON.stringify(values)})`;
    expect.soft(values.some((v) => v.trim() === PAYLOAD), message).toBe(true);
  }
}

/** The paths of the links on `listPath` that match `pattern`, in page order, without repeats. */
async function linksOn(page: Page, listPath: string, pattern: RegExp): Promise<string[]> {
  await page.goto(listPath);
  await waitForHydration(page);
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const paths = hrefs.map((h) => new URL(h).pathname).filter((p) => pattern.test(p));
  return [...new Set(paths)];
}

/** The first of `paths` whose page holds a form posting to `fn`. */
async function pageWithForm(page: Page, paths: string[], fn: string): Promise<string> {
  for (const path of paths) {
    await page.goto(path);
    await waitForHydration(page);
    if ((await page.locator(`form[action="${fn}"]`).count()) > 0) return path;
  }
  throw new Error(`no page among ${JSON.stringify(paths)} holds a form posting to ${fn}`);
}

const TEXT_FIELD = (name: string) => `[name="${name}"]`;

test.describe('hostile data stays inert: refused forms and reflected parameters', () => {
  test.beforeEach(() => test.setTimeout(180_000));

  test('anonymous: account forms and reflected parameters', async ({ page }) => {
    const refusals: [string, Refusal][] = [
      [
        '/inscription',
        {
          form: 'sign-up',
          fn: '/api/signup',
          kept: ['name', 'email', 'password', 'password_confirm', 'retour'],
          shown: [TEXT_FIELD('name'), TEXT_FIELD('email')],
        },
      ],
      ['/connexion', { form: 'login', fn: '/api/login', kept: ['email', 'password', 'retour'], shown: [TEXT_FIELD('email')] }],
      [
        '/mot-de-passe-oublie',
        { form: 'forgotten password', fn: '/api/request_password_reset', kept: ['email'], shown: [TEXT_FIELD('email')] },
      ],
    ];
    for (const [path, r] of refusals) await openRefused(page, path, r);
    const p = encodeURIComponent(PAYLOAD);
    for (const path of [
      `/connexion?retour=${p}`,
      `/inscription?retour=${p}`,
      `/initiatives?q=${p}&theme=${p}&cohorte=${p}`,
      `/initiatives/1?q=${p}`,
      `/?ok=${p}`,
    ]) {
      await open(page, path, 'reflected parameter');
    }
  });

  test('applicant: message thread and account', async ({ page }) => {
    await logIn(page, ACCOUNT.applicant, DEMO_PASSWORD);
    const threads = await linksOn(page, '/candidatures', /^\/candidatures\/\d+\/messages$/);
    expect(threads.length, 'the applicant has a message thread').toBeGreaterThan(0);
    await openRefused(page, threads[0], { form: 'message', fn: '/api/message_post', kept: ['body'], shown: [TEXT_FIELD('body')] });
    await openRefused(page, '/compte', {
      form: 'address change',
      fn: '/api/change_email',
      kept: ['new_email', 'current_for_email'],
      shown: [TEXT_FIELD('new_email')],
    });
    await openRefused(page, '/compte', {
      form: 'password change',
      fn: '/api/change_password',
      kept: ['current', 'password', 'password_confirm'],
      shown: [],
    });
  });

  test('holder of a draft: the 5 steps of the candidature form', async ({ page }) => {
    await logIn(page, ACCOUNT.draftHolder, DEMO_PASSWORD);
    const steps = await linksOn(page, '/candidatures', /^\/candidatures\/\d+\/etape\/\d+$/);
    expect(steps.length, 'the draft holder can continue their candidature').toBeGreaterThan(0);
    const id = /^\/candidatures\/(\d+)\//.exec(steps[0])![1];
    const fn = '/api/candidature_save';
    const form = (name: string) => TEXT_FIELD(`form[${name}]`);
    const byStep: [number, Refusal['kept'], string[]][] = [
      [
        1,
        ['project_name', 'pitch', 'description', 'website', 'repository', 'stage', 'theme'],
        ['project_name', 'pitch', 'description', 'website', 'repository'].map(form),
      ],
      [2, ['public_interest', 'impact'], ['public_interest', 'impact'].map(form)],
      [
        3,
        [['carrier_kind', 'association'], 'carrier_name', 'co_applicants[0].name', 'co_applicants[0].email', 'co_applicants[0].role'],
        [form('carrier_name'), form('co_applicants][0][name'), form('co_applicants][0][role')],
      ],
      [4, ['licence', 'publication_plan', 'funding_statement'], ['licence', 'publication_plan', 'funding_statement'].map(form)],
      [5, [['supports[0].kind', 'coaching'], 'supports[0].need'], ['[name^="form[supports]"][name$="[need]"]']],
    ];
    for (const [step, kept, shown] of byStep) {
      await openRefused(page, `/candidatures/${id}/etape/${step}`, { form: `candidature step ${step}`, fn, kept, shown });
    }
  });

  test('holder of a project in its programme: the programme forms', async ({ page }) => {
    await logIn(page, ACCOUNT.programmeHolder, DEMO_PASSWORD);
    const projects = await linksOn(page, '/candidatures', /^\/projets\/\d+$/);
    expect(projects.length, 'the holder has a project page').toBeGreaterThan(0);
    const path = projects[0];
    const refusals: Refusal[] = [
      { form: 'support request', fn: '/api/support_request', kept: [['kind', 'coaching'], 'need'], shown: [TEXT_FIELD('need')] },
      {
        form: 'check-in',
        fn: '/api/checkin_post',
        kept: ['progress', 'blockers', 'needs'],
        shown: ['progress', 'blockers', 'needs'].map(TEXT_FIELD),
      },
      { form: 'milestone', fn: '/api/milestone_add', kept: ['title', 'due_on'], shown: [TEXT_FIELD('title')] },
      {
        form: 'charter evidence',
        fn: '/api/evidence_save',
        kept: ['source_url', 'data_url', 'funding', 'results'],
        shown: ['source_url', 'data_url', 'funding', 'results'].map(TEXT_FIELD),
      },
    ];
    for (const r of refusals) await openRefused(page, path, r);
  });

  test('juror: conflicts of interest and review', async ({ page }) => {
    await logIn(page, ACCOUNT.juror, DEMO_PASSWORD);
    const declarations = await linksOn(page, '/jury', /^\/jury\/cohortes\/\d+\/engagements$/);
    const reviews = await linksOn(page, '/jury', /^\/evaluations\/\d+$/);
    expect(declarations.length, 'the juror has a conflicts page').toBeGreaterThan(0);
    await openRefused(page, declarations[0], {
      form: 'conflicts of interest',
      fn: '/api/jury_declare',
      kept: ['note'],
      shown: [TEXT_FIELD('note')],
    });
    const review = await pageWithForm(page, reviews, '/api/review_save');
    await openRefused(page, review, {
      form: 'review',
      fn: '/api/review_save',
      kept: [...CRITERIA.flatMap((c) => [`score[${c}]`, `comment[${c}]`]), 'overall', 'opinion'],
      shown: ['textarea[name^="comment["]', TEXT_FIELD('overall')],
    });
  });

  test('staff: cohort, screening, jury, deliberation and programme forms', async ({ page }) => {
    test.setTimeout(240_000);
    await logIn(page, ACCOUNT.staff, DEMO_PASSWORD);
    const cohorts = (await linksOn(page, '/agent/cohortes', /^\/agent\/cohortes\/\d+\/candidatures$/)).map(
      (p) => /^\/agent\/cohortes\/(\d+)\//.exec(p)![1],
    );
    expect(cohorts.length, 'staff see the cohorts').toBeGreaterThan(0);

    await openRefused(page, '/agent/cohortes/nouvelle', {
      form: 'new cohort',
      fn: '/api/cohort_open',
      kept: [
        'name',
        'call_opens',
        'call_closes',
        'jury_starts',
        'deliberation_starts',
        'programme_starts',
        'launch_on',
        'capacity',
        'jury_size',
        'reviews_per_candidature',
      ],
      shown: [TEXT_FIELD('name')],
    });
    await openRefused(page, `/agent/cohortes/${cohorts[0]}/message`, {
      form: 'cohort message',
      fn: '/api/cohort_message',
      kept: ['body'],
      shown: [TEXT_FIELD('body')],
    });

    const jury = await pageWithForm(page, cohorts.map((id) => `/agent/cohortes/${id}/jury`), '/api/jury_invite');
    await openRefused(page, jury, {
      form: 'jury invitations',
      fn: '/api/jury_invite',
      kept: ['emails'],
      shown: [TEXT_FIELD('emails')],
    });

    const candidatures: string[] = [];
    for (const id of cohorts) {
      candidatures.push(...(await linksOn(page, `/agent/cohortes/${id}/candidatures`, /^\/agent\/candidatures\/\d+$/)));
    }
    expect(candidatures.length, 'staff see candidatures').toBeGreaterThan(0);
    const screening = await pageWithForm(page, candidatures, '/api/screening_decide');
    await openRefused(page, screening, {
      form: 'eligibility decision',
      fn: '/api/screening_decide',
      kept: ['decision', 'message'],
      shown: [TEXT_FIELD('message')],
    });
    await openRefused(page, `${candidatures[0]}/messages`, {
      form: 'message to the applicant',
      fn: '/api/message_post',
      kept: ['body'],
      shown: [TEXT_FIELD('body')],
    });

    const deliberation = await pageWithForm(page, cohorts.map((id) => `/cohortes/${id}/deliberation`), '/api/jury_decide');
    await openRefused(page, deliberation, {
      form: 'jury decision',
      fn: '/api/jury_decide',
      kept: ['outcome', ...CRITERIA.map((c) => `reason[${c}]`)],
      shown: ['textarea[name^="reason["]'],
    });

    const projects: string[] = [];
    for (const id of cohorts) projects.push(...(await linksOn(page, `/agent/cohortes/${id}/programme`, /^\/projets\/\d+$/)));
    const project = await pageWithForm(page, projects, '/api/support_update');
    const support = await page.locator('form[action="/api/support_update"] input[name="id"]').first().inputValue();
    await openRefused(page, project, {
      form: 'support update',
      fn: '/api/support_update',
      kept: [['support', support], 'state', 'owner', 'due_on', 'notes', 'reason'],
      shown: ['owner', 'notes', 'reason'].map(TEXT_FIELD),
    });
    if ((await page.locator('form[action="/api/programme_launch"]').count()) > 0) {
      await openRefused(page, project, { form: 'public launch', fn: '/api/programme_launch', kept: ['launched_on'], shown: [] });
    }
  });
});
