// State sign-in against real OpenID Connect providers (tests/oidc/provider.mjs, configured
// like FranceConnect and like ProConnect, started by playwright.config.ts): a citizen signs in
// with FranceConnect, applies and logs out of both; an agent granted staff rights signs in
// with ProConnect and opens the cohorts; a refusal at the provider says why. Redirects and
// forms only, so both projects (with and without JavaScript) go the same way. axe runs on
// every page of ours (`settle`), never on the provider's test pages.

import {
  DEMO,
  DEMO_PASSWORD,
  alertWith,
  expect,
  field,
  logIn,
  logOut,
  mainContent,
  mainNav,
  settle,
  signUp,
  test,
  uniqueId,
  visit,
} from './fixtures';
import { applyFully } from './journeys';
import type { Page } from '@playwright/test';
import { FRANCECONNECT_URL, PROCONNECT_URL } from './servers';

/** One test account of each provider per project, so that both projects start from scratch. */
function accounts(): { citizen: string; citizenName: string; agent: string; agentEmail: string } {
  return test.info().project.name === 'hydrate'
    ? { citizen: 'alice', citizenName: 'Angela DUBOIS', agent: 'agent', agentEmail: 'camille.lefevre@interieur.gouv.fr' }
    : { citizen: 'bob', citizenName: 'Jean MARTIN', agent: 'agent2', agentEmail: 'paul.durand@finances.gouv.fr' };
}

/** Clicks the provider's button on our page and picks `account` on the provider's test page
 *  (`remembered`: the provider's session from an earlier sign-in answers at once). */
async function signInWith(page: Page, brand: 'FranceConnect' | 'ProConnect', providerUrl: string, account: string, remembered = false): Promise<void> {
  await mainContent(page).getByRole('button', { name: `S’identifier avec ${brand}` }).click();
  if (remembered) return;
  await expect(page).toHaveURL(new RegExp(`^${providerUrl}/interaction/`));
  await page.locator(`#login-${account}`).click();
}

/** Logs out from the menu: the provider asks to confirm (automatic with JavaScript), then
 *  sends the browser back to the home page, signed out. */
async function logOutOfBoth(page: Page, providerUrl: string): Promise<void> {
  await mainNav(page).getByRole('button', { name: 'Se déconnecter' }).click();
  if (test.info().project.name === 'no-js') {
    await expect(page).toHaveURL(new RegExp(`^${providerUrl}/session/end`));
    await page.locator('#logout-confirm').click();
  }
  await expect(page).toHaveURL(/\/$/);
  await expect(mainNav(page).getByRole('link', { name: 'Se connecter', exact: true })).toBeVisible();
  await settle(page);
}

test.describe('State sign-in', () => {
  test('a citizen signs in with FranceConnect, applies, and logs out of both', async ({ page }) => {
    test.setTimeout(180_000); // a whole candidature and the provider's pages, on a loaded CI machine
    const { citizen, citizenName } = accounts();
    await visit(page, '/connexion');
    // The button comes first, then « ou » and the password form.
    await expect(mainContent(page).getByRole('link', { name: /Qu'est-ce que FranceConnect/ })).toBeVisible();
    await expect(mainContent(page).getByRole('link', { name: /Qu'est-ce que ProConnect/ })).toBeVisible();
    await signInWith(page, 'FranceConnect', FRANCECONNECT_URL, citizen);
    await expect(page).toHaveURL(/\/compte$/);
    await expect(mainContent(page)).toContainText('Identité transmise par FranceConnect');
    await expect(mainContent(page)).toContainText(citizenName);
    await expect(mainContent(page).getByRole('heading', { name: 'Ajouter un mot de passe' })).toBeVisible();
    await settle(page);

    await mainNav(page).getByRole('link', { name: 'Mes candidatures', exact: true }).click();
    await settle(page);
    await applyFully(page, `Horaires ouverts ${uniqueId()}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Récépissé de dépôt' })).toBeVisible();

    await logOutOfBoth(page, FRANCECONNECT_URL);
    // The provider's session ended too: signing in again asks who.
    await visit(page, '/connexion');
    await mainContent(page).getByRole('button', { name: 'S’identifier avec FranceConnect' }).click();
    await expect(page.locator(`#login-${citizen}`)).toBeVisible();
  });

  test('an agent granted staff rights signs in with ProConnect and opens the cohorts', async ({ page }) => {
    test.setTimeout(180_000); // sign-up, the admin's grant, three sign-ins
    const { agent, agentEmail } = accounts();
    // Without a staff account, ProConnect opens nothing and the login page says why.
    await visit(page, '/connexion');
    await signInWith(page, 'ProConnect', PROCONNECT_URL, agent);
    await expect(page).toHaveURL(/\/connexion\?echec=agent/);
    await expect(alertWith(page, 'Aucun compte agent n')).toBeVisible();
    await settle(page);

    // The agent's account, then an admin grants it staff rights.
    await signUp(page, { name: 'Agent ProConnect', email: agentEmail, password: DEMO_PASSWORD });
    await logOut(page);
    await logIn(page, DEMO.admin, DEMO_PASSWORD);
    await visit(page, '/admin/utilisateurs');
    const role = page.getByLabel(`Rôle de ${agentEmail}`, { exact: true });
    await role.selectOption({ label: 'Agent' });
    await page.locator('form').filter({ has: role }).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(alertWith(page, 'Rôle mis à jour.')).toBeVisible();
    await logOut(page);

    // ProConnect still knows the agent from the refused attempt: it answers at once.
    await visit(page, '/connexion');
    await signInWith(page, 'ProConnect', PROCONNECT_URL, agent, true);
    await expect(page).toHaveURL(/\/compte$/);
    await expect(mainContent(page)).toContainText('Identité transmise par ProConnect');
    await settle(page);
    await mainNav(page).getByRole('link', { name: 'Cohortes', exact: true }).click();
    await expect(page).toHaveURL(/\/agent\/cohortes$/);
    await settle(page);
    await logOutOfBoth(page, PROCONNECT_URL);
  });

  test('an existing password account is linked to FranceConnect only with its password', async ({ page }) => {
    test.setTimeout(180_000); // sign-up, two sign-ins, the provider's pages
    // The hydrated project uses the test account whose names carry HTML and script payloads.
    const hostile = test.info().project.name === 'hydrate';
    const [account, email] = hostile ? ['mallory', 'mallory@example.test'] : ['claire', 'claire.roux@example.test'];
    await signUp(page, { name: 'Compte existant', email, password: DEMO_PASSWORD });
    await logOut(page);

    await visit(page, '/connexion');
    await signInWith(page, 'FranceConnect', FRANCECONNECT_URL, account);
    await expect(page).toHaveURL(/\/connexion\/lier-compte$/);
    await expect(mainContent(page)).toContainText(`Un compte existe déjà avec l'adresse ${email}`);
    await expect(mainNav(page).getByRole('link', { name: 'Se connecter', exact: true })).toBeVisible();
    await settle(page);
    if (hostile) {
      await expect(mainContent(page)).toContainText('<img src=x id=xss-img');
      await expect(page.locator('#xss-img, #xss-script')).toHaveCount(0);
    }
    await field(page, 'Mot de passe du compte existant').fill('pas le bon mot de passe');
    await mainContent(page).getByRole('button', { name: 'Lier et me connecter' }).click();
    await expect(mainContent(page)).toContainText("Ce mot de passe n'est pas celui du compte.");
    await settle(page);
    await field(page, 'Mot de passe du compte existant').fill(DEMO_PASSWORD);
    await mainContent(page).getByRole('button', { name: 'Lier et me connecter' }).click();
    await expect(page).toHaveURL(/\/compte$/);
    await expect(mainContent(page)).toContainText('Identité transmise par FranceConnect');
    await settle(page);
    await logOutOfBoth(page, FRANCECONNECT_URL);
  });

  test('a sign-in cancelled at FranceConnect opens no session and says so', async ({ page }) => {
    await visit(page, '/inscription');
    await mainContent(page).getByRole('button', { name: 'S’identifier avec FranceConnect' }).click();
    await page.locator('#deny').click();
    await expect(page).toHaveURL(/\/connexion\?echec=annule/);
    await expect(alertWith(page, 'Vous avez annulé la connexion avec FranceConnect.')).toBeVisible();
    await expect(mainNav(page).getByRole('link', { name: 'Se connecter', exact: true })).toBeVisible();
    await settle(page);
  });
});
