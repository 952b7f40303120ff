// Eligibility screening, both sides: a citizen applies, staff ask for a correction (a missing
// message is refused first), the citizen reads the message, corrects and sends the candidature
// back, staff find it by search and mark it eligible; the history shows each round and the CSV
// export holds it. With and without JavaScript; axe on every page (settle).

import { alertWith, DEMO, DEMO_PASSWORD, expect, field, logIn, logOut, mainContent, newAccount, settle, signUp, test, uniqueId, visit } from './fixtures';
import { linkIn, mailTo } from './mail';
import { applyFully, continueTo, tick } from './journeys';

async function openAsStaff(page: import('@playwright/test').Page, projectName: string): Promise<void> {
  await visit(page, '/agent/cohortes');
  await mainContent(page).getByRole('link', { name: 'Voir — Cohorte 4' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Candidatures — Cohorte 4');
  await settle(page);
  await field(page, 'Rechercher').fill(projectName);
  await mainContent(page).getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=/);
  await expect(alertWith(page, '1 candidature.')).toBeVisible();
  await settle(page);
  await mainContent(page).getByRole('link', { name: projectName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(projectName);
  await settle(page);
}

test('staff request a correction, the citizen corrects and resubmits, staff find it eligible', async ({ page }) => {
  // Three sign-ins and some thirty page loads: over the 90 s of test.slow() on a loaded CI machine.
  test.setTimeout(180_000);
  const project = `Horaires ouverts ${uniqueId()}`;
  const citizen = newAccount('correction');
  await signUp(page, citizen);
  await visit(page, '/candidatures');
  await applyFully(page, project);
  await logOut(page);

  // Staff: a correction request needs a message; the refused form keeps the choice's context.
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await openAsStaff(page, project);
  await tick(page, 'Correction demandée (message au candidat)');
  await mainContent(page).getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(alertWith(page, 'Le formulaire contient des erreurs.')).toBeVisible();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.')).toBeVisible();
  await settle(page);
  await tick(page, 'Correction demandée (message au candidat)');
  await field(page, 'Motif ou message au candidat').fill('Indiquez le montant de vos dons.');
  await mainContent(page).getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(alertWith(page, 'Décision enregistrée.')).toBeVisible();
  await expect(mainContent(page).locator('.fr-badge')).toHaveText('Correction demandée');
  await expect(mainContent(page).locator('.app-history')).toContainText('Indiquez le montant de vos dons.');
  await settle(page);
  await logOut(page);
  // The citizen is told by mail, with the message and a link back.
  const mail = await mailTo(citizen.email, `Correction demandée — ${project}`);
  expect(mail.text).toContain('Indiquez le montant de vos dons.');
  expect(linkIn(mail, '/candidatures')).toBe('/candidatures');

  // The citizen reads the message, corrects step 4 and sends the candidature back.
  await logIn(page, citizen.email, citizen.password);
  await visit(page, '/candidatures');
  await expect(mainContent(page)).toContainText('Indiquez le montant de vos dons.');
  await mainContent(page).getByRole('link', { name: 'Corriger ma candidature' }).click();
  await expect(mainContent(page)).toContainText('Correction demandée par l\'équipe du programme');
  await settle(page);
  await mainContent(page).getByRole('link', { name: '4. Ouverture et transparence' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Ouverture et transparence');
  await settle(page);
  await field(page, 'Financements et ressources').fill('Dons de particuliers : 3 200 € en 2026.');
  await continueTo(page, 5, "L'accompagnement souhaité");
  await mainContent(page).getByRole('link', { name: '6. Récapitulatif et dépôt' }).click();
  await expect(mainContent(page)).toContainText('Dons de particuliers : 3 200 € en 2026.');
  await settle(page);
  await mainContent(page).getByRole('button', { name: 'Renvoyer ma candidature corrigée' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/recepisse$/);
  await expect(mainContent(page).locator('.app-history li')).toHaveCount(3);
  await settle(page);
  await logOut(page);

  // Staff: second round, eligible; the history shows the three steps and the CSV holds it.
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await openAsStaff(page, project);
  await expect(mainContent(page).locator('.fr-badge')).toHaveText('Déposée');
  await tick(page, 'Éligible');
  await mainContent(page).getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(alertWith(page, 'Décision enregistrée.')).toBeVisible();
  await expect(mainContent(page).locator('.fr-badge')).toHaveText('Éligible');
  await expect(mainContent(page).locator('.app-history li')).toHaveCount(4);
  await expect(mainContent(page).getByRole('heading', { name: 'Décision d\'éligibilité' })).toHaveCount(0);
  await settle(page);
  const csv = await page.request.get('/agent/cohortes/4/candidatures.csv');
  expect(csv.status()).toBe(200);
  const text = (await csv.body()).toString('utf8');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(`,eligible,${project},`);
});

test('staff see the cohort figures and filter by status', async ({ page }) => {
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/4/candidatures?statut=ineligible');
  await expect(mainContent(page).getByRole('table', { name: 'Répartition du temps de saisie' })).toBeVisible();
  await expect(mainContent(page).getByRole('link', { name: 'Boutique solidaire' })).toBeVisible();
  await expect(mainContent(page).getByRole('link', { name: 'Covidliste' })).toHaveCount(0);
  // Someone else's draft is never shown to staff.
  await visit(page, '/agent/cohortes/4/candidatures');
  await expect(mainContent(page).getByRole('link', { name: 'Cantine ouverte' })).toHaveCount(0);
});
