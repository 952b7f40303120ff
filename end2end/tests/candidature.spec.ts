// The applicant's journey: a new account fills the 6 steps of the candidature as a person
// would, accepts the 4 commitments, submits and gets a receipt. Works with and without
// JavaScript; axe runs on every page visited (settle).

import { alertWith, expect, field, mainContent, newAccount, settle, signUp, test } from './fixtures';

const COMMITMENTS = [
  'Le respect des valeurs du service public',
  'La transparence sur les dispositifs de financement et les ressources',
  'La publication des résultats, données et codes sources',
  "La participation à l'écosystème du service public augmenté",
];

/** Ticks a DSFR checkbox by clicking its label, as a person does. */
async function tick(page: import('@playwright/test').Page, label: string): Promise<void> {
  await page.locator('label.fr-label').getByText(label, { exact: true }).click();
  await expect(page.getByLabel(label, { exact: true })).toBeChecked();
}

async function continueTo(page: import('@playwright/test').Page, step: number, title: string): Promise<void> {
  await mainContent(page).getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page).toHaveURL(new RegExp(`/candidatures/\\d+/etape/${step}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await settle(page);
}

test('a citizen applies in well under 30 minutes and gets a receipt', async ({ page }) => {
  test.slow();
  const started = Date.now();
  await signUp(page, newAccount('candidature'));
  await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Mes candidatures' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes candidatures' })).toBeVisible();
  await settle(page);
  await mainContent(page).getByRole('button', { name: 'Commencer ou reprendre ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/1$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Le projet');
  await expect(page.getByText('Étape 1 sur 6')).toBeVisible();
  await settle(page);

  // Step 1, with a mistake first: the address is refused, what was typed is kept.
  await field(page, 'Nom du projet').fill('Vite ma dose');
  await field(page, 'Site web (facultatif)').fill('pas-une-adresse');
  await mainContent(page).getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(alertWith(page, 'Le formulaire contient des erreurs.')).toBeVisible();
  await expect(field(page, 'Nom du projet')).toHaveValue('Vite ma dose');
  await settle(page);
  await field(page, 'Le projet en une phrase').fill('Trouver un créneau de vaccination près de chez soi.');
  await field(page, 'Description du projet').fill('Un site qui rassemble les créneaux libres, ouvert à tous.');
  await field(page, 'Avancement').selectOption({ label: 'En fonctionnement' });
  await field(page, 'Thème').selectOption({ index: 1 });
  await field(page, 'Site web (facultatif)').fill('https://vitemadose.exemple.fr');
  await continueTo(page, 2, 'Intérêt général et impact');

  await field(page, "L'objectif d'intérêt général").fill('Accélérer la vaccination de tous.');
  await field(page, "L'impact pour tous les Français").fill('Des millions de rendez-vous trouvés partout en France.');
  await continueTo(page, 3, "L'équipe");

  await field(page, 'Qui porte le projet ?').selectOption({ label: 'Association' });
  await field(page, 'Nom de la structure').fill('CovidTracker');
  await continueTo(page, 4, 'Ouverture et transparence');

  await field(page, 'Licence').fill('MIT');
  await field(page, 'Données et code publiés, et quand').fill('Code et données publiés chaque semaine.');
  await field(page, 'Financements et ressources').fill('Bénévolat, aucun financement.');
  await continueTo(page, 5, "L'accompagnement souhaité");

  await tick(page, 'Promotion et valorisation du projet');
  await field(page, 'Ce que ce soutien apporterait Promotion et valorisation du projet').fill('Faire connaître le site.');
  await continueTo(page, 6, 'Récapitulatif et dépôt');

  // The summary shows what was typed; submitting without the 4 commitments is refused.
  await expect(mainContent(page)).toContainText('Vite ma dose');
  await expect(mainContent(page)).toContainText('CovidTracker');
  await mainContent(page).getByRole('button', { name: 'Déposer ma candidature' }).click();
  await expect(alertWith(page, 'Le formulaire contient des erreurs.')).toBeVisible();
  await settle(page);
  for (const c of COMMITMENTS) {
    await tick(page, `Je m'engage : ${c}`);
  }
  await mainContent(page).getByRole('button', { name: 'Déposer ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/recepisse$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Récépissé de dépôt' })).toBeVisible();
  await expect(alertWith(page, 'Votre candidature a bien été déposée')).toBeVisible();
  await expect(mainContent(page)).toContainText(/C\d+-\d{5}/);
  await settle(page);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`[${test.info().project.name}] scripted candidature journey: ${seconds} s`);

  await page.getByRole('link', { name: 'Retour à mes candidatures' }).click();
  await expect(mainContent(page).getByRole('cell', { name: 'Déposée' })).toBeVisible();
  await settle(page);
});

test('an applicant can withdraw a candidature, after confirming', async ({ page }) => {
  test.slow();
  await signUp(page, newAccount('retrait'));
  await page.goto('/candidatures');
  await mainContent(page).getByRole('button', { name: 'Commencer ou reprendre ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/1$/);
  const id = /\/candidatures\/(\d+)\//.exec(page.url())?.[1];
  await page.goto(`/candidatures/${id}/recepisse`);
  await expect(page.getByRole('heading', { level: 1, name: 'Récépissé de dépôt' })).toBeVisible();
  await settle(page);
  await page.getByText('Retirer ma candidature', { exact: true }).click();
  await mainContent(page).getByRole('button', { name: 'Confirmer le retrait' }).click();
  await expect(page).toHaveURL(/\/candidatures$/);
  await expect(mainContent(page).getByRole('cell', { name: 'Retirée' })).toBeVisible();
  await settle(page);
});
