// Cohorts and the programme across cohorts, with and without JavaScript; axe on every page
// (settle). Staff open a cohort (a date out of order is refused and nothing typed is lost),
// close it once launched; the programme dashboard filters, sorts and exports its rows; the
// comparison page lines the cohorts up.

import { alertWith, DEMO, DEMO_PASSWORD, expect, field, logIn, mainContent, settle, test, uniqueId, visit } from './fixtures';
import { tick } from './journeys';

test('staff open a cohort, then close it once its initiatives are launched', async ({ page }) => {
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes');
  await mainContent(page).getByRole('link', { name: 'Ouvrir une nouvelle cohorte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ouvrir une nouvelle cohorte');
  await settle(page);
  // The form comes filled with the next cohort's rhythm and the defaults.
  await expect(field(page, 'Nombre de places (10 au plus)')).toHaveValue('10');
  await expect(field(page, 'Taille du jury citoyen')).toHaveValue('15');
  await expect(field(page, 'Évaluations par candidature')).toHaveValue('3');

  // A past cohort recorded afterwards: its launch has come, so it can be closed at once.
  const name = `Cohorte pilote ${uniqueId()}`;
  await field(page, 'Nom de la cohorte').fill(name);
  const dates: [string, string][] = [
    ['Appel à candidatures ouvert', '2025-01-06'],
    ['Appel clos, examen de l\'éligibilité', '2025-03-03'],
    ['Évaluation par le jury', '2025-03-01'],
    ['Délibération et sélection', '2025-04-07'],
    ["Programme d'accélération de 3 mois", '2025-04-14'],
    ['Lancement public des initiatives', '2025-07-14'],
  ];
  for (const [label, day] of dates) await field(page, label).fill(day);
  await field(page, 'Nombre de places (10 au plus)').fill('12');
  await mainContent(page).getByRole('button', { name: 'Ouvrir la cohorte' }).click();
  await expect(mainContent(page).getByText('Cette date doit venir après celle de la phase précédente.')).toBeVisible();
  await expect(mainContent(page).getByText('Saisissez un nombre entier entre 1 et 10.')).toBeVisible();
  await settle(page);
  await expect(field(page, 'Nom de la cohorte')).toHaveValue(name);
  await expect(field(page, 'Lancement public des initiatives')).toHaveValue('2025-07-14');
  await field(page, 'Évaluation par le jury').fill('2025-03-17');
  await field(page, 'Nombre de places (10 au plus)').fill('8');
  await mainContent(page).getByRole('button', { name: 'Ouvrir la cohorte' }).click();
  await expect(alertWith(page, 'Cohorte ouverte')).toBeVisible();
  await settle(page);
  const row = mainContent(page).getByRole('table', { name: 'Cohortes et calendrier des phases' }).getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('Lancement public des initiatives');
  await expect(row).toContainText('8');
  await row.getByRole('button', { name: `Clôturer — ${name}` }).click();
  await expect(alertWith(page, 'Cohorte clôturée')).toBeVisible();
  await expect(row).toContainText('Clôturée');
  await settle(page);
});

test('the programme dashboard filters, sorts and exports; cohorts compare side by side', async ({ page }) => {
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/2/programme');
  const table = mainContent(page).getByRole('table', { name: 'Avancement des projets' });
  await expect(table).toContainText('Dossier facile');
  await tick(page, 'Seulement les projets à risque');
  await field(page, 'Trier par').selectOption({ label: "Dernier point d'étape (le plus ancien d'abord)" });
  await mainContent(page).getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/risque=1/);
  await expect(table).toContainText('Cantine locale');
  await expect(table).not.toContainText('Dossier facile');
  await expect(mainContent(page)).toContainText('projet(s) sélectionné(s)');
  await settle(page);
  const href = await mainContent(page).getByRole('link', { name: 'Télécharger ces lignes (CSV)' }).getAttribute('href');
  expect(href).toContain('risque=1');
  const csv = await (await page.request.get(href!)).text();
  expect(csv).toContain('reference,projet,etat');
  expect(csv).toContain('Cantine locale');
  expect(csv).not.toContain('Dossier facile');

  await mainContent(page).getByRole('link', { name: 'Comparer avec les autres cohortes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comparer les programmes des cohortes');
  const compare = mainContent(page).getByRole('table', { name: 'Programmes des cohortes' });
  await expect(compare.getByRole('row').filter({ hasText: 'Cohorte 1' })).toBeVisible();
  await expect(compare.getByRole('row').filter({ hasText: 'Cohorte 2' })).toBeVisible();
  await expect(compare).not.toContainText('Cohorte 4');
  await settle(page);
});
