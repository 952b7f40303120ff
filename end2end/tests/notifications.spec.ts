// Notifications, with and without JavaScript; axe on every page (settle). Mails are read from
// the folder the app writes them to when no SMTP server is configured (see mail.ts).
// Sign-up → confirmation link → log-in; a forgotten password reset by a single-use link; a
// staff message reaching the applicant's thread and the reply reaching staff; a message to a
// whole cohort; the staff view of outgoing mail.

import {
  alertWith,
  DEMO,
  DEMO_PASSWORD,
  expect,
  expectAccountPage,
  field,
  logIn,
  logOut,
  mainContent,
  newAccount,
  settle,
  signUp,
  submitSignUp,
  test,
  visit,
} from './fixtures';
import { linkIn, mailTo } from './mail';

test('sign-up mails a confirmation link that works once, then the account logs in', async ({ page }) => {
  test.slow();
  const account = newAccount('confirmation');
  await visit(page, '/inscription');
  await submitSignUp(page, account);
  await expectAccountPage(page);
  await expect(mainContent(page).getByRole('heading', { name: 'Adresse électronique à confirmer' })).toBeVisible();
  await expect(mainContent(page).getByText('à confirmer', { exact: true })).toBeVisible();

  const mail = await mailTo(account.email, 'Confirmez votre adresse électronique');
  expect(mail.text).toContain(`Bonjour ${account.name},`);
  const link = linkIn(mail, '/compte/verification/');
  await logOut(page);

  await visit(page, link);
  await mainContent(page).getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=adresse-confirmee$/);
  await expect(alertWith(page, 'Votre adresse électronique est confirmée. Connectez-vous.')).toBeVisible();
  await settle(page);
  await logIn(page, account.email, account.password);
  await expect(mainContent(page).getByText('confirmée', { exact: true })).toBeVisible();
  await expect(mainContent(page).getByRole('heading', { name: 'Adresse électronique à confirmer' })).toHaveCount(0);

  // Used once: the link now says so, with its status.
  await visit(page, link, 410);
  await expect(mainContent(page)).toContainText('Ce lien a déjà servi.');
});

test('a forgotten password is reset with a single-use link', async ({ page }) => {
  test.slow();
  const account = newAccount('oubli');
  const newPassword = `Autre-${account.password}`;
  await signUp(page, account);
  await logOut(page);

  await visit(page, '/connexion');
  await mainContent(page).getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page).toHaveURL(/\/mot-de-passe-oublie$/);
  await settle(page);
  await field(page, 'Adresse électronique').fill(account.email);
  await mainContent(page).getByRole('button', { name: 'Recevoir un lien' }).click();
  await expect(alertWith(page, 'Si un compte existe avec cette adresse')).toBeVisible();
  await settle(page);

  const mail = await mailTo(account.email, 'Réinitialisation de votre mot de passe');
  const link = linkIn(mail, '/mot-de-passe/nouveau/');
  await visit(page, link);
  await field(page, 'Nouveau mot de passe').fill(newPassword);
  await field(page, 'Confirmer le nouveau mot de passe').fill(`${newPassword}-x`);
  await mainContent(page).getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(mainContent(page).getByText('Les deux mots de passe ne correspondent pas.').first()).toBeVisible();
  await settle(page);
  await field(page, 'Nouveau mot de passe').fill(newPassword);
  await field(page, 'Confirmer le nouveau mot de passe').fill(newPassword);
  await mainContent(page).getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page).toHaveURL(/\/connexion\?ok=mot-de-passe-reinitialise$/);
  await expect(alertWith(page, 'Votre mot de passe a été changé.')).toBeVisible();
  await settle(page);
  await logIn(page, account.email, newPassword);
  await logOut(page);
  await visit(page, link, 410);
  await expect(mainContent(page)).toContainText('Ce lien a déjà servi.');
});

test("a staff message reaches the applicant's thread, and the reply reaches staff", async ({ page }) => {
  test.slow();
  const applicant = newAccount('messages');
  await signUp(page, applicant);
  await visit(page, '/candidatures');
  await mainContent(page).getByRole('button', { name: 'Commencer ou reprendre ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/1$/);
  const id = page.url().match(/\/candidatures\/(\d+)\//)![1];
  await settle(page);
  await logOut(page);

  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, `/agent/candidatures/${id}/messages`);
  await mainContent(page).getByRole('button', { name: 'Envoyer' }).click();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await settle(page);
  await field(page, 'Votre message').fill('Bonjour, pouvez-vous préciser votre budget ?');
  await mainContent(page).getByRole('button', { name: 'Envoyer' }).click();
  await expect(alertWith(page, 'Votre message est envoyé.')).toBeVisible();
  await expect(mainContent(page).getByText('Bonjour, pouvez-vous préciser votre budget ?')).toBeVisible();
  await expect(mainContent(page).getByText('Pas encore lu par le porteur')).toBeVisible();
  await settle(page);
  const mail = await mailTo(applicant.email, 'Nouveau message');
  const link = linkIn(mail, '/candidatures/');
  expect(link).toBe(`/candidatures/${id}/messages`);
  await visit(page, '/agent/courriels');
  await expect(mainContent(page).getByRole('row').filter({ hasText: applicant.email }).first()).toContainText('Nouveau message');
  await logOut(page);

  await logIn(page, applicant.email, applicant.password);
  await visit(page, '/candidatures');
  await expect(mainContent(page).getByRole('link', { name: 'Messages (1 non lu(s))' })).toBeVisible();
  await visit(page, link);
  await expect(mainContent(page).getByText('Bonjour, pouvez-vous préciser votre budget ?')).toBeVisible();
  await expect(mainContent(page).getByText('Nouveau', { exact: true })).toBeVisible();
  await field(page, 'Votre message').fill('Environ 20 000 €, détaillés à l’étape 4.');
  await mainContent(page).getByRole('button', { name: 'Envoyer' }).click();
  await expect(alertWith(page, 'Votre message est envoyé.')).toBeVisible();
  await settle(page);
  await logOut(page);

  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, `/agent/candidatures/${id}/messages`);
  await expect(mainContent(page).getByText('Environ 20 000 €, détaillés à l’étape 4.')).toBeVisible();
  await expect(mainContent(page).getByText('Lu par le porteur')).toBeVisible();
});

test('staff write to every applicant of the cohort whose call is open', async ({ page }) => {
  test.slow();
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes');
  await mainContent(page).getByRole('link', { name: 'Écrire à tous — Cohorte 4' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Message à tous les candidats — Cohorte 4');
  await settle(page);
  await mainContent(page).getByRole('button', { name: 'Envoyer à tous les candidats' }).click();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await settle(page);
  const body = `L'appel ferme dans 3 jours (${test.info().project.name}).`;
  await field(page, 'Message').fill(body);
  await mainContent(page).getByRole('button', { name: 'Envoyer à tous les candidats' }).click();
  await expect(page).toHaveURL(/\/agent\/cohortes\/\d+\/candidatures\?ok=message/);
  await expect(alertWith(page, 'Message envoyé')).toBeVisible();
  await settle(page);
  const mail = await mailTo(DEMO.applicant, "Message de l'équipe — Cohorte 4");
  await logOut(page);
  await logIn(page, DEMO.applicant, DEMO_PASSWORD);
  await visit(page, linkIn(mail, '/candidatures/'));
  await expect(mainContent(page).getByText(body)).toBeVisible();
});
