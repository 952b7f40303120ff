// Deleting one's account, and the retention staff set per cohort (issue 16), in both projects
// (hydrated, and JavaScript off), with axe on every page.

import {
  alertWith,
  checkA11y,
  DEMO,
  DEMO_PASSWORD,
  expect,
  field,
  heading1,
  logIn,
  mainContent,
  newAccount,
  settle,
  signUp,
  submitLogIn,
  test,
  visit,
} from './fixtures';
import { tick } from './journeys';

const UNDERSTOOD = "J'ai lu ce qui sera supprimé et ce qui sera conservé. La suppression est définitive.";

test('a person reads what deletion does, confirms twice, and the account is gone', async ({ page }) => {
  test.slow(); // sign-up, confirmation mail, several sign-ins (password hashing)
  const account = newAccount('suppression');
  await signUp(page, account);

  await mainContent(page).getByRole('link', { name: 'Supprimer mon compte…' }).click();
  await expect(page).toHaveURL(/\/compte\/supprimer$/);
  await expect(heading1(page, 'Supprimer mon compte')).toBeVisible();
  const main = mainContent(page);
  await expect(main.getByRole('heading', { level: 2, name: 'Ce qui est supprimé dès maintenant' })).toBeVisible();
  await expect(main.getByRole('heading', { level: 2, name: 'Ce qui est conservé, et pourquoi' })).toBeVisible();
  await expect(main).toContainText(account.email);
  await expect(main.getByRole('link', { name: 'télécharger une copie de vos données' })).toHaveAttribute('href', '/compte/mes-donnees');
  await checkA11y(page);

  // Neither confirmation: both fields say what to do; nothing is deleted.
  await main.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(alertWith(page, 'Le formulaire contient des erreurs.')).toBeVisible();
  await expect(main).toContainText('Cochez cette case pour confirmer');
  await expect(main).toContainText('Ce champ est obligatoire.');
  await settle(page);
  await checkA11y(page);

  // A wrong address: refused, and what was typed stays in the field.
  await tick(page, UNDERSTOOD);
  await field(page, 'Saisissez cette adresse pour confirmer').fill('quelqu-un@ailleurs.fr');
  await main.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(main).toContainText("Cette adresse n'est pas celle de votre compte.");
  await expect(field(page, 'Saisissez cette adresse pour confirmer')).toHaveValue('quelqu-un@ailleurs.fr');

  // Both: deleted, signed out, told so on the login page.
  await tick(page, UNDERSTOOD);
  await field(page, 'Saisissez cette adresse pour confirmer').fill(account.email);
  await main.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=compte-supprime$/);
  await expect(alertWith(page, 'Votre compte est supprimé.')).toBeVisible();
  await settle(page);
  await checkA11y(page);

  // The address no longer signs in.
  await submitLogIn(page, account.email, account.password);
  await expect(page).toHaveURL(/\/connexion/);
  await expect(mainContent(page).getByRole('alert')).toBeVisible();
});

test('staff set a cohort’s retention within bounds and see the purges to come', async ({ page }) => {
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/4/candidatures');
  const main = mainContent(page);
  await expect(main.getByRole('heading', { level: 2, name: 'Conservation des données' })).toBeVisible();
  await expect(main.getByRole('link', { name: "Exporter l'archive de la cohorte (JSON)" })).toHaveAttribute('href', '/agent/cohortes/4/archive.json');
  await checkA11y(page);

  const drafts = field(page, "Brouillons jamais déposés : mois après la clôture de l'appel");
  const ended = field(page, 'Candidatures non retenues : mois après la décision');
  await drafts.fill('0');
  await main.getByRole('button', { name: 'Enregistrer les durées' }).click();
  await expect(main).toContainText('Saisissez un nombre entier entre 1 et 12.');
  await expect(drafts).toHaveValue('0');
  await settle(page);
  await checkA11y(page);

  await drafts.fill('3');
  await ended.fill('24');
  await main.getByRole('button', { name: 'Enregistrer les durées' }).click();
  await expect(alertWith(page, 'Les durées de conservation sont enregistrées.')).toBeVisible();
  await expect(field(page, "Brouillons jamais déposés : mois après la clôture de l'appel")).toHaveValue('3');

  const archive = await page.request.get('/agent/cohortes/4/archive.json');
  expect(archive.status()).toBe(200);
  const body = await archive.json();
  expect(body.cohort.id).toBe(4);
  expect(Array.isArray(body.candidatures)).toBe(true);
});

test('an applicant’s receipt says until when the candidature is kept', async ({ page }) => {
  await logIn(page, DEMO.applicant, DEMO_PASSWORD);
  await visit(page, '/candidatures');
  const receipt = mainContent(page).locator('a[href$="/recepisse"]').first();
  await receipt.click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/recepisse$/);
  await expect(mainContent(page)).toContainText(/Conservée (jusqu'|pendant)/);
  await expect(mainContent(page).getByRole('link', { name: 'Vos données personnelles' })).toHaveAttribute('href', '/donnees-personnelles');
  await checkA11y(page);
});
