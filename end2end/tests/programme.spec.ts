// The programme, with and without JavaScript; axe on every page (settle). A selected project's
// holder signs the charter (refused until each commitment is ticked), requests a support and
// posts a check-in; staff take the support from requested to delivered; the cohort's dashboard
// shows it.

import { alertWith, DEMO, DEMO_PASSWORD, expect, field, logIn, logOut, mainContent, settle, test, visit } from './fixtures';
import { tick } from './journeys';

const COACHING = 'Coaching et stratégie de croissance du projet';

test('a selected project signs the charter, asks for support and reports; staff deliver the support', async ({ page }, testInfo) => {
  test.slow();
  // Each project of the suite takes its own selected demo project.
  const [project, holder, holderName, pitch] = testInfo.project.name === 'hydrate'
    ? ['Mairie en poche', 'porteur.mairie@demo.accelerateur.fr', 'Malik Porteur', 'Toutes les démarches de la mairie dans une application accessible, hors ligne comprise.']
    : ['Tiers-lieu connecté', 'porteuse.tierslieu@demo.accelerateur.fr', 'Sarah Porteuse', 'Un réseau de tiers-lieux qui accompagnent les démarches en ligne près de chez soi.'];
  await logIn(page, holder, DEMO_PASSWORD);
  await visit(page, '/candidatures');
  await mainContent(page).getByRole('link', { name: 'Signer la charte et commencer le programme' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Programme d'accélération — ${project}`);
  await settle(page);

  // Each commitment must be signed; a ticked box stays ticked.
  await tick(page, "Je m'engage : Le respect des valeurs du service public");
  await mainContent(page).getByRole('button', { name: 'Signer la charte et commencer le programme' }).click();
  await expect(mainContent(page).getByText("Signez cet engagement de la charte pour commencer le programme d'accélération.").first()).toBeVisible();
  await settle(page);
  await expect(page.getByLabel("Je m'engage : Le respect des valeurs du service public")).toBeChecked();
  for (const c of [
    'La transparence sur les dispositifs de financement et les ressources',
    'La publication des résultats, données et codes sources',
    "La participation à l'écosystème du service public augmenté",
  ]) {
    await tick(page, `Je m'engage : ${c}`);
  }
  await mainContent(page).getByRole('button', { name: 'Signer la charte et commencer le programme' }).click();
  await expect(alertWith(page, 'Charte signée')).toBeVisible();
  await expect(mainContent(page)).toContainText(`signé par ${holderName}`);
  await settle(page);

  // A support request, then a check-in.
  await field(page, 'Accompagnement').selectOption({ label: COACHING });
  await field(page, 'Ce dont vous avez besoin').fill('Un plan de déploiement dans 10 départements.');
  await mainContent(page).getByRole('button', { name: 'Envoyer la demande' }).click();
  await expect(alertWith(page, "Demande d'accompagnement enregistrée.")).toBeVisible();
  const table = mainContent(page).getByRole('table', { name: 'Accompagnements demandés' });
  await expect(table.getByRole('row').filter({ hasText: COACHING })).toContainText('Demandé');
  await settle(page);
  await mainContent(page).getByRole('button', { name: "Publier le point d'étape" }).click();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await settle(page);
  await field(page, 'Avancées').fill('Premier prototype testé avec deux mairies.');
  await mainContent(page).getByRole('button', { name: "Publier le point d'étape" }).click();
  await expect(alertWith(page, "Point d'étape publié.")).toBeVisible();
  await expect(mainContent(page)).toContainText('Premier prototype testé avec deux mairies.');
  await settle(page);

  // Nothing but the name is public until the team chooses; then the pitch is.
  await visit(page, '/initiatives');
  await expect(mainContent(page)).toContainText(project);
  await expect(mainContent(page)).not.toContainText(pitch);
  await page.goBack();
  await tick(page, 'Le projet en une phrase');
  await mainContent(page).getByRole('button', { name: 'Enregistrer mes choix de publication' }).click();
  await expect(alertWith(page, 'Choix de publication enregistrés.')).toBeVisible();
  await settle(page);
  // Charter evidence: one address that answers, one that does not; each is checked.
  await field(page, 'Adresse du code source').fill(`${new URL(page.url()).origin}/donnees`);
  await field(page, 'Adresse des données ouvertes').fill(`${new URL(page.url()).origin}/pas-de-donnees-ici`);
  await field(page, 'Résultats').fill('Deux mairies pilotes.');
  await mainContent(page).getByRole('button', { name: 'Publier les preuves' }).click();
  await expect(alertWith(page, 'Preuves enregistrées')).toBeVisible();
  await expect(mainContent(page).getByText('vérification en attente').first()).toBeVisible();
  await settle(page);
  // The checker records one address after the other: wait for both on the same page.
  await expect(async () => {
    await page.reload();
    await expect(mainContent(page).getByText(/vérifié le/)).toBeVisible({ timeout: 1_000 });
    await expect(mainContent(page).getByText(/échec le .* HTTP 404/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await settle(page);
  await mainContent(page).getByRole('link', { name: 'Voir la page publique' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(project);
  await expect(mainContent(page)).toContainText(pitch);
  await expect(mainContent(page)).toContainText('Deux mairies pilotes.');
  await settle(page);
  await logOut(page);

  // Staff: the dashboard, then the support from requested to delivered.
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes');
  await mainContent(page).getByRole('link', { name: 'Suivi — Cohorte 2' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi du programme — Cohorte 2');
  await settle(page);
  const dashboard = mainContent(page).getByRole('table', { name: 'Avancement des projets' });
  const row = dashboard.getByRole('row').filter({ hasText: project });
  await expect(row).toContainText('signée');
  await expect(row).toContainText("aujourd'hui");
  await expect(row).toContainText('0 / 2');
  await row.getByRole('link', { name: project }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Programme d'accélération — ${project}`);
  await settle(page);
  // Assigning needs an owner.
  await field(page, `État — ${COACHING}`).selectOption({ label: 'Attribué' });
  await mainContent(page).getByRole('button', { name: `Enregistrer — ${COACHING}` }).click();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await settle(page);
  for (const [state, owner] of [['Attribué', 'Léa Martin (DINUM)'], ['En cours', ''], ['Apporté', '']]) {
    await field(page, `État — ${COACHING}`).selectOption({ label: state });
    if (owner) await field(page, `Responsable — ${COACHING}`).fill(owner);
    await mainContent(page).getByRole('button', { name: `Enregistrer — ${COACHING}` }).click();
    await expect(alertWith(page, 'Accompagnement mis à jour.')).toBeVisible();
    await expect(mainContent(page).getByRole('table', { name: 'Accompagnements demandés' }).getByRole('row').filter({ hasText: COACHING })).toContainText(state === 'Apporté' ? 'Apporté' : state);
    await settle(page);
  }
  await visit(page, '/agent/cohortes/2/programme');
  await expect(mainContent(page).getByRole('table', { name: 'Avancement des projets' }).getByRole('row').filter({ hasText: project })).toContainText('1 / 2');
});

test('the public browses the initiatives and downloads the open data: only what teams published', async ({ page }) => {
  await visit(page, '/initiatives');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les initiatives accompagnées');
  await expect(mainContent(page).getByRole('link', { name: 'Dossier facile' })).toBeVisible();
  await field(page, 'Thématique').selectOption({ label: 'Santé' });
  await mainContent(page).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/theme=health/);
  await expect(mainContent(page).getByRole('link', { name: 'Eau claire' })).toBeVisible();
  await expect(mainContent(page).getByRole('link', { name: 'Dossier facile' })).toHaveCount(0);
  await settle(page);
  await mainContent(page).getByRole('link', { name: 'Eau claire' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Eau claire');
  await expect(mainContent(page)).toContainText("La qualité de l'eau du robinet, commune par commune, expliquée simplement.");
  await expect(mainContent(page)).toContainText('Lancé');
  // The organisation's name and the funding statement were not published.
  await expect(mainContent(page)).not.toContainText('Collectif Eau claire');
  await expect(mainContent(page)).not.toContainText('12 000 €');
  // Charter evidence is public by nature.
  await expect(mainContent(page)).toContainText('Service utilisé chaque mois par plus de 400 personnes.');
  await settle(page);
  await visit(page, '/transparence');
  await expect(page.getByRole('heading', { level: 2, name: 'Cohorte 2' })).toBeVisible();
  await expect(mainContent(page).getByRole('table', { name: "Note moyenne du jury par critère — Cohorte 3" })).toContainText("L'objectif d'intérêt général");
  await visit(page, '/donnees');
  await expect(mainContent(page).getByRole('table', { name: 'Colonnes du fichier CSV' })).toContainText('accompagnements_recus');
  const csv = await (await page.request.get('/donnees/initiatives.csv')).text();
  expect(csv).toContain('Eau claire');
  expect(csv).not.toContain('Collectif Eau claire');
  expect(csv).not.toContain('12 000 €');
  expect(csv).not.toContain('@demo.accelerateur.fr');
});
