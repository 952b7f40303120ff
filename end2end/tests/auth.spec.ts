// Accounts: sign-up, log-in, log-out, password change, and what the sign-up form does with bad input.
// Every test works on its own new account (the server and its database are shared by all tests).

import {
  MENU_LINKS,
  alertWith,
  expect,
  expectAccountPage,
  expectMenu,
  field,
  heading1,
  logIn,
  logOut,
  mainContent,
  mainNav,
  newAccount,
  relaxNativeValidation,
  settle,
  signUp,
  submitLogIn,
  submitSignUp,
  test,
  uniqueId,
  visit,
  type Account,
} from './fixtures';
import type { Page } from '@playwright/test';

const WRONG_CREDENTIALS = 'Adresse électronique ou mot de passe incorrect.';
const FORM_HAS_ERRORS = 'Le formulaire contient des erreurs.';

test.describe('sign-up, log-out, log-in', () => {
  test('a new account lands on /compte as a citizen ("Citoyen"), logs out and logs in again', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const account = newAccount('inscription');
    await signUp(page, account);

    const main = mainContent(page);
    await expect(main).toContainText(account.name);
    await expect(main).toContainText(account.email);
    await expect(main).toContainText('Citoyen');
    await expectMenu(page, MENU_LINKS.applicant, true);

    await logOut(page);
    await expectMenu(page, MENU_LINKS.anonymous, false);

    await logIn(page, account.email, account.password);
    await expect(mainNav(page).getByRole('link', { name: 'Mon compte', exact: true })).toBeVisible();
    await expect(mainContent(page)).toContainText(account.name);
    await expectMenu(page, MENU_LINKS.applicant, true);
  });

  test('a wrong password or an unknown address is refused with the same message', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const account = newAccount('mauvais-mdp');
    await signUp(page, account);
    await logOut(page);

    await visit(page, '/connexion');
    await submitLogIn(page, account.email, `${account.password}-faux`);
    await expect(alertWith(page, WRONG_CREDENTIALS)).toBeVisible();
    await expect(heading1(page, 'Se connecter')).toBeVisible();
    await settle(page);
    await expectMenu(page, MENU_LINKS.anonymous, false);

    await visit(page, '/connexion');
    await submitLogIn(page, `inconnu-${uniqueId()}@example.com`, account.password);
    await expect(alertWith(page, WRONG_CREDENTIALS)).toBeVisible();
    await settle(page);
    await expectMenu(page, MENU_LINKS.anonymous, false);
  });

  test('the password can be changed, then only the new one works', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const account = newAccount('changement-mdp');
    const newPassword = `Nouveau-${account.password}`;
    await signUp(page, account);
    await expect(page.getByRole('heading', { level: 2, name: 'Changer le mot de passe' })).toBeVisible();

    // Wrong current password.
    await field(page, 'Mot de passe actuel').fill(`${account.password}-faux`);
    await field(page, 'Nouveau mot de passe').fill(newPassword);
    await field(page, 'Confirmer le nouveau mot de passe').fill(newPassword);
    await mainContent(page).getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(mainContent(page).getByText('Le mot de passe actuel est incorrect.').first()).toBeVisible();
    await settle(page);

    // Right current password.
    await field(page, 'Mot de passe actuel').fill(account.password);
    await field(page, 'Nouveau mot de passe').fill(newPassword);
    await field(page, 'Confirmer le nouveau mot de passe').fill(newPassword);
    await mainContent(page).getByRole('button', { name: 'Changer le mot de passe' }).click();
    await expect(alertWith(page, 'Votre mot de passe a été modifié.')).toBeVisible();
    await settle(page);

    await logOut(page);
    await visit(page, '/connexion');
    await submitLogIn(page, account.email, account.password);
    await expect(alertWith(page, WRONG_CREDENTIALS)).toBeVisible();
    await settle(page);

    await logIn(page, account.email, newPassword);
    await expect(mainContent(page)).toContainText(account.name);
  });
});

test.describe('sign-up with bad input', () => {
  /** Opens /inscription with the browser's own validation off, so the server's is tested. */
  async function openSignUp(page: Page): Promise<void> {
    await visit(page, '/inscription');
    await expect(heading1(page, 'Créer un compte')).toBeVisible();
    await relaxNativeValidation(page);
  }

  /** The form came back with errors: still on /inscription, summary alert, the message next to a
   *  field, the typed name and email kept. Then settles (accessibility of the error state). */
  async function expectRejected(page: Page, message: string, typed: { name: string; email: string }) {
    await expect(alertWith(page, FORM_HAS_ERRORS)).toBeVisible();
    await expect(mainContent(page).getByText(message).first()).toBeVisible();
    await expect(heading1(page, 'Créer un compte')).toBeVisible();
    await expect(page).toHaveURL(/\/inscription(?:[?#].*)?$/);
    await expect(field(page, 'Nom et prénom')).toHaveValue(typed.name);
    await expect(field(page, 'Adresse électronique')).toHaveValue(typed.email);
    await settle(page);
    await expectMenu(page, MENU_LINKS.anonymous, false);
  }

  test('empty fields: "Ce champ est obligatoire."', async ({ page }) => {
    await openSignUp(page);
    await mainContent(page).getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(alertWith(page, FORM_HAS_ERRORS)).toBeVisible();
    const required = mainContent(page).getByText('Ce champ est obligatoire.');
    await expect(required.first()).toBeVisible();
    // At least the name and the email are reported.
    await expect.poll(() => required.count()).toBeGreaterThanOrEqual(2);
    await settle(page);
  });

  test('invalid email address', async ({ page }) => {
    const account = { ...newAccount('email-invalide'), email: `pas-une-adresse-${uniqueId()}` };
    await openSignUp(page);
    await submitSignUp(page, account);
    await expectRejected(page, 'Adresse électronique invalide.', account);
  });

  test('password shorter than 12 characters', async ({ page }) => {
    const account = { ...newAccount('mdp-court'), password: 'Onze-caract' }; // 11 characters
    await openSignUp(page);
    await submitSignUp(page, account);
    await expectRejected(page, 'Le mot de passe doit contenir au moins 12 caractères.', account);
  });

  test('passwords that do not match', async ({ page }) => {
    const account = newAccount('mdp-differents');
    await openSignUp(page);
    await submitSignUp(page, { ...account, confirm: `${account.password}-autre` });
    await expectRejected(page, 'Les deux mots de passe ne correspondent pas.', account);
  });

  test('name longer than 100 characters', async ({ page }) => {
    const account = { ...newAccount('nom-long'), name: `Camille ${'x'.repeat(93)}` }; // 101 characters
    expect(account.name).toHaveLength(101);
    await openSignUp(page);
    await submitSignUp(page, account);
    await expectRejected(page, 'Ce texte est trop long (100 caractères maximum).', account);
  });

  test('a name of exactly 100 characters, with accents, is accepted', async ({ page }) => {
    const name = 'Élodie Lefèvre-Dupré'.repeat(5); // 100 characters, more than 100 bytes in UTF-8
    expect(name).toHaveLength(100);
    const account = { ...newAccount('nom-100'), name };
    await openSignUp(page);
    await submitSignUp(page, account);
    await expectAccountPage(page);
    await expect(mainContent(page)).toContainText(name);
  });

  test('an address that already has an account', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const existing = newAccount('doublon');
    await signUp(page, existing);
    await logOut(page);

    const again = { ...newAccount('doublon'), email: existing.email };
    await openSignUp(page);
    await submitSignUp(page, again);
    await expectRejected(page, 'Un compte existe déjà avec cette adresse.', again);
  });
});

test.describe('sign-up with hostile names', () => {
  for (const name of ['<script>alert(1)</script>', '"><img src=x onerror=alert(2)>']) {
    test(`markup in the name is shown as text, never run: ${name}`, async ({ page }) => {
      test.slow(); // several sign-ins (password hashing) and page loads
      const account: Account = { ...newAccount('balise'), name };
      await visit(page, '/inscription');
      await submitSignUp(page, account);
      await expectAccountPage(page);
      // Shown verbatim as text; no element was created from it (the page fixture also fails the
      // test if any dialog opens).
      await expect(mainContent(page)).toContainText(name);
      await expect(mainContent(page).locator('script')).toHaveCount(0);
      await expect(mainContent(page).locator('img[src="x"]')).toHaveCount(0);

      await logOut(page);
      await logIn(page, account.email, account.password);
      await expect(mainContent(page)).toContainText(name);
    });
  }

  test('an SQL-looking name is stored and shown verbatim', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const name = "Robert'); DROP TABLE users;--";
    const account: Account = { ...newAccount('sql'), name };
    await visit(page, '/inscription');
    await submitSignUp(page, account);
    await expectAccountPage(page);
    await expect(mainContent(page)).toContainText(name);

    // The accounts are still there: log out and in again.
    await logOut(page);
    await logIn(page, account.email, account.password);
    await expect(mainContent(page)).toContainText(name);
  });
});
