// The applicant's journey: a new account fills the 6 steps of the candidature as a person
// would, accepts the 4 commitments, submits and gets a receipt. Works with and without
// JavaScript; axe runs on every page visited (settle).

import { alertWith, checkA11y, expect, field, mainContent, newAccount, settle, signUp, test } from './fixtures';
import { COMMITMENTS, continueTo, tick } from './journeys';

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

  // Leaving and coming back resumes at the step reached, with what was saved.
  await page.goto('/candidatures');
  await mainContent(page).getByRole('link', { name: 'Continuer ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/2$/);
  await settle(page);
  await mainContent(page).getByRole('link', { name: '1. Le projet' }).click();
  await expect(field(page, 'Nom du projet')).toHaveValue('Vite ma dose');
  await expect(field(page, 'Site web (facultatif)')).toHaveValue('https://vitemadose.exemple.fr');
  await mainContent(page).getByRole('link', { name: '2. Intérêt général et impact' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Intérêt général et impact');
  await settle(page);

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

  // An optional PDF: a file that only has a PDF name is refused, a real PDF is kept.
  await field(page, 'Ajouter un PDF').setInputFiles({ name: 'presentation.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Ceci est un texte.') });
  await mainContent(page).getByRole('button', { name: 'Envoyer le fichier' }).click();
  await expect(alertWith(page, "Ce fichier n'est pas un PDF.")).toBeVisible();
  await settle(page);
  const pdf = '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
  await field(page, 'Ajouter un PDF').setInputFiles({ name: 'presentation.pdf', mimeType: 'application/pdf', buffer: Buffer.from(pdf) });
  await mainContent(page).getByRole('button', { name: 'Envoyer le fichier' }).click();
  await expect(alertWith(page, 'Pièce jointe ajoutée.')).toBeVisible();
  await expect(mainContent(page).getByRole('link', { name: 'Télécharger presentation.pdf' })).toBeVisible();
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

test('with JavaScript, typing is saved on its own and survives a reload and an expired session', async ({ page, context }) => {
  test.skip(test.info().project.name !== 'hydrate', 'autosave needs JavaScript; without it each step is a form post');
  test.slow();
  const account = newAccount('autosave');
  await signUp(page, account);
  await page.goto('/candidatures');
  await mainContent(page).getByRole('button', { name: 'Commencer ou reprendre ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/1$/);
  const stepUrl = page.url();
  await settle(page);
  await expect(mainContent(page).getByText('Enregistrement automatique activé.')).toBeVisible();

  // Typing, then pausing: saved without any button; the counter follows the typing.
  await field(page, 'Nom du projet').fill('Cantine ouverte');
  await expect(mainContent(page).getByText('15 / 120 caractères')).toBeVisible();
  await expect(mainContent(page).getByText(/^Enregistré à \d\d:\d\d$/)).toBeVisible();
  await page.reload();
  await expect(field(page, 'Nom du projet')).toHaveValue('Cantine ouverte');
  await settle(page);

  // A refused autosave shows its problem next to the field, and a good one clears it.
  const website = field(page, 'Site web (facultatif)');
  await website.fill('pas une adresse');
  await website.blur();
  await expect(mainContent(page).getByText('Non enregistré : corrigez les champs signalés.')).toBeVisible();
  await expect(website).toHaveAttribute('aria-invalid', 'true');
  await expect(mainContent(page).getByText('Adresse web invalide. Exemple : https://exemple.fr')).toBeVisible();
  await checkA11y(page);
  await website.fill('https://cantine.example');
  await website.blur();
  await expect(mainContent(page).getByText(/^Enregistré à \d\d:\d\d$/)).toBeVisible();
  await expect(website).not.toHaveAttribute('aria-invalid', 'true');
  await expect(mainContent(page).getByText('Adresse web invalide. Exemple : https://exemple.fr')).toHaveCount(0);

  // The session expires while typing: the text is kept in the browser, the page says how to
  // come back, and after logging in again the text is back in the form and saved.
  await context.clearCookies();
  await field(page, 'Le projet en une phrase').fill('Les menus des cantines, ouverts à tous.');
  await field(page, 'Nom du projet').focus();
  await expect(mainContent(page).getByText(/Non enregistré\. Votre saisie est gardée dans ce navigateur/)).toBeVisible();
  await mainContent(page).getByRole('link', { name: 'Se reconnecter puis revenir à cette étape' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Se connecter' })).toBeVisible();
  await settle(page);
  await field(page, 'Adresse électronique').fill(account.email);
  await field(page, 'Mot de passe').fill(account.password);
  await mainContent(page).getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(stepUrl);
  await expect(field(page, 'Le projet en une phrase')).toHaveValue('Les menus des cantines, ouverts à tous.');
  await expect(mainContent(page).getByText('Nous avons remis dans le formulaire ce que vous aviez saisi')).toBeVisible();
  await expect(mainContent(page).getByText(/^Enregistré à \d\d:\d\d$/)).toBeVisible();
  await settle(page);
  await page.reload();
  await expect(field(page, 'Le projet en une phrase')).toHaveValue('Les menus des cantines, ouverts à tous.');
  await expect(field(page, 'Nom du projet')).toHaveValue('Cantine ouverte');
});
