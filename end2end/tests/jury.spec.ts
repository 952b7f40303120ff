// The jury, both sides, with and without JavaScript; axe on every page (settle).
// Staff invite a citizen, who creates an account from the link, joins, signs the juror charter
// (refused until every commitment is ticked) and declares a conflict (the invitation comes by
// mail). A juror scores their three assigned candidatures on the rubric with the keyboard (an incomplete
// submission is refused first), reads the other jurors' reviews after each, then the ranking.
// Staff follow the progress, deliberate, decide; the applicant reads the decision. One person
// applies in one cohort and judges in another (both spaces); a co-applicant invited to their
// own cohort's jury is refused (conflict of interest).

import { alertWith, DEMO, DEMO_PASSWORD, expect, expectMenu, field, logIn, logOut, mainContent, mainNav, MENU_LINKS, newAccount, settle, submitSignUp, test, visit } from './fixtures';
import { tick } from './journeys';
import { linkIn, mailTo } from './mail';

/** Picks a candidature in the decision form by its project name (the label adds the reference). */
async function chooseCandidature(page: import('@playwright/test').Page, project: string): Promise<void> {
  const select = field(page, 'Candidature');
  const value = await select.locator('option', { hasText: project }).getAttribute('value');
  await select.selectOption(value!);
}

test('staff invite a citizen who joins the jury, signs the charter and declares a conflict', async ({ page }) => {
  test.slow();
  const citizen = newAccount('jure');
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes');
  await mainContent(page).getByRole('link', { name: 'Jury — Cohorte 4' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Jury — Cohorte 4');
  await settle(page);
  await field(page, 'Adresses électroniques').fill('pas-une-adresse');
  await mainContent(page).getByRole('button', { name: 'Créer les invitations' }).click();
  await expect(mainContent(page).getByText("Adresse électronique invalide.", { exact: false }).first()).toBeVisible();
  await settle(page);
  await field(page, 'Adresses électroniques').fill(citizen.email);
  await mainContent(page).getByRole('button', { name: 'Créer les invitations' }).click();
  await expect(alertWith(page, 'Invitations créées')).toBeVisible();
  await settle(page);
  const shown = (await mainContent(page).locator('code').first().textContent())!.trim();
  expect(shown).toMatch(/^\/jury\/invitation\/[0-9a-f]{64}$/);
  // The secret never travels in the page's address (history, proxy logs).
  expect(page.url()).not.toContain(shown.split('/').pop()!);
  // The invitation is mailed; its link is the one staff were shown.
  const link = linkIn(await mailTo(citizen.email, 'Invitation au jury citoyen — Cohorte 4'), '/jury/invitation/');
  expect(link).toBe(shown);
  await logOut(page);

  // The citizen opens the link, creates an account and comes back to accept.
  await visit(page, link);
  await expect(mainContent(page)).toContainText(citizen.email);
  await mainContent(page).getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page).toHaveURL(/\/inscription\?retour=/);
  await settle(page);
  await submitSignUp(page, citizen);
  await expect(page).toHaveURL(new RegExp(`${link}$`));
  await settle(page);
  await mainContent(page).getByRole('button', { name: 'Accepter et rejoindre le jury' }).click();
  await expect(page).toHaveURL(/\/jury\/cohortes\/\d+\/engagements/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Charte du juré');
  await settle(page);
  await expect(mainNav(page).getByRole('link', { name: 'Mon espace juré' })).toBeVisible();

  // The charter: every commitment must be ticked.
  await tick(page, "Impartialité : j'évalue chaque projet sur les seuls critères de sélection, sans autre considération.");
  await mainContent(page).getByRole('button', { name: "J'accepte la charte du juré" }).click();
  await expect(mainContent(page).getByText('Acceptez cet engagement de la charte du juré pour siéger au jury.').first()).toBeVisible();
  await settle(page);
  // The box already ticked stays ticked.
  await expect(page.getByLabel("Impartialité : j'évalue chaque projet sur les seuls critères de sélection, sans autre considération.")).toBeChecked();
  await tick(page, 'Confidentialité : je ne divulgue ni le contenu des candidatures, ni les évaluations, ni les délibérations.');
  await tick(page, "Conflits d'intérêts : je déclare tout lien avec un projet ou son porteur, et je n'évalue pas ces projets.");
  await mainContent(page).getByRole('button', { name: "J'accepte la charte du juré" }).click();
  await expect(mainContent(page)).toContainText('Charte acceptée le');
  await settle(page);

  // Conflicts: the projects by name and holder only.
  await tick(page, 'Covidliste — Camille Candidate');
  await field(page, 'Autres liens à signaler').fill('Je suis bénévole dans une association de santé.');
  await mainContent(page).getByRole('button', { name: 'Enregistrer ma déclaration' }).click();
  await expect(page).toHaveURL(/\/jury\?ok=conflits$/);
  await expect(alertWith(page, "Déclaration de conflits d'intérêts enregistrée.")).toBeVisible();
  await settle(page);
  await logOut(page);

  // Staff see the new juror, the charter and the conflict.
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/4/jury');
  const row = mainContent(page).getByRole('table', { name: 'Jurés' }).getByRole('row').filter({ hasText: citizen.email });
  await expect(row).toContainText('Covidliste');
  await expect(row).toContainText('Je suis bénévole');
});

test('staff shortlist the eligible candidatures before the jury sees them', async ({ page }) => {
  test.slow();
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/4/jury');
  // The setting may already be on (the other project of the suite ran first).
  const setting = page.getByLabel(/^Présélection par l'équipe avant le jury/);
  if (!(await setting.isChecked())) await page.locator('label[for=preselection]').click();
  await expect(setting).toBeChecked();
  await mainContent(page).getByRole('button', { name: 'Enregistrer les réglages' }).click();
  await expect(alertWith(page, 'Réglages enregistrés.')).toBeVisible();
  await settle(page);
  const table = mainContent(page).getByRole('table', { name: 'Candidatures et évaluations' });
  const row = table.getByRole('row').filter({ hasText: 'Signal quartier' });
  await expect(row).toContainText('présélectionnée');
  await row.getByRole('button', { name: 'Écarter — Signal quartier' }).click();
  await expect(alertWith(page, 'Présélection mise à jour.')).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Signal quartier' })).toContainText('écartée de la présélection');
  await settle(page);
  await table.getByRole('row').filter({ hasText: 'Signal quartier' }).getByRole('button', { name: 'Présélectionner — Signal quartier' }).click();
  await expect(table.getByRole('row').filter({ hasText: 'Signal quartier' })).toContainText('présélectionnée');
  await settle(page);
});

test('a juror scores three candidatures by keyboard, reads the other reviews, then the ranking', async ({ page }, testInfo) => {
  test.slow();
  // Each project of the suite has its own demo juror, with three reviews to do.
  const juror = testInfo.project.name === 'hydrate' ? 'jure5@demo.accelerateur.fr' : 'jure6@demo.accelerateur.fr';
  await logIn(page, juror, DEMO_PASSWORD);
  // One person, two spaces: they applied to Cohorte 1 and sit on Cohorte 3's jury.
  await expectMenu(page, MENU_LINKS.juror, true);
  await mainNav(page).getByRole('link', { name: 'Mon espace juré' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon espace juré');
  await settle(page);
  await expect(mainContent(page)).toContainText('0 / 3 évaluées');
  await expect(mainContent(page).getByRole('link', { name: 'Voir le classement du jury' })).toHaveCount(0);
  const scored: string[] = [];
  for (let n = 1; n <= 3; n++) {
    const todo = mainContent(page).getByRole('row').filter({ hasNotText: 'Évaluation envoyée' }).filter({ has: page.getByRole('link') }).first();
    const project = (await todo.getByRole('link').textContent())!.trim();
    scored.push(project);
    await todo.getByRole('link').click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Évaluation — ${project}`);
    await settle(page);
    await expect(mainContent(page)).toContainText('La candidature');

    if (testInfo.project.name === 'hydrate' && n === 1) {
      // The shortcut island: Alt+Shift+N opens the next review to do.
      const next = await mainContent(page).getByRole('link', { name: 'Candidature suivante à évaluer' }).getAttribute('href');
      expect(next).toMatch(/^\/evaluations\/\d+$/);
      await page.keyboard.press('Alt+Shift+KeyN');
      await expect(page).toHaveURL(new RegExp(`${next}$`));
      await page.goBack();
      await expect(page.getByRole('heading', { level: 1 })).toContainText(`Évaluation — ${project}`);
      await settle(page);
    }
    // Blind rule: the other jurors' reviews stay hidden until this one is submitted.
    await expect(mainContent(page).getByRole('heading', { name: 'Les autres évaluations' })).toHaveCount(0);
    // Keyboard only: Space picks a level, the arrow keys move along the scale, Tab goes on.
    const interest = page.getByRole('radiogroup', { name: "L'objectif d'intérêt général" });
    await interest.getByLabel(/^1 — Insuffisant/).focus();
    await page.keyboard.press('Space');
    for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
    await expect(interest.getByLabel(new RegExp(`^${n + 1} — `))).toBeChecked();
    if (testInfo.project.name === 'hydrate' && n === 1) {
      // Autosaved as soon as a choice changes.
      await expect(alertWith(page, 'Enregistré à')).toBeVisible();
    }
    await page.keyboard.press('Tab');
    await expect(field(page, "Commentaire — L'objectif d'intérêt général")).toBeFocused();
    await page.keyboard.type(`Un besoin réel (${n}).`);
    const impact = page.getByRole('radiogroup', { name: "L'impact pour tous les Français" });
    await impact.getByLabel(/^1 — Insuffisant/).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect(impact.getByLabel(/^3 — Satisfaisant/)).toBeChecked();
    if (n === 1) {
      // Without the jury's opinion the review is refused, and nothing typed is lost.
      await mainContent(page).getByRole('button', { name: "Envoyer l'évaluation" }).click();
      await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
      await settle(page);
      await expect(field(page, "Commentaire — L'objectif d'intérêt général")).toHaveValue('Un besoin réel (1).');
    }
    await page.getByRole('radiogroup', { name: "L'avis du jury sur ce projet" }).getByLabel('Avis favorable').focus();
    await page.keyboard.press('Space');
    // The buttons wait while an autosave is on its way.
    const send = mainContent(page).getByRole('button', { name: "Envoyer l'évaluation" });
    await expect(send).toBeEnabled();
    await send.focus();
    await page.keyboard.press('Enter');
    await expect(alertWith(page, 'Évaluation envoyée.')).toBeVisible();
    await settle(page);
    await expect(mainContent(page).getByRole('heading', { name: 'Les autres évaluations' })).toBeVisible();
    await expect(mainContent(page).getByRole('button', { name: "Envoyer l'évaluation" })).toHaveCount(0);
    await visit(page, '/jury');
    await expect(mainContent(page)).toContainText(`${n} / 3 évaluées`);
  }
  expect(new Set(scored).size).toBe(3);

  // Having finished, the juror reads the jury's ranking.
  await mainContent(page).getByRole('link', { name: 'Voir le classement du jury' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Délibération — Cohorte 3');
  await settle(page);
  await expect(mainContent(page).getByRole('table', { name: 'Classement des candidatures' })).toContainText(scored[0]);
  await settle(page);

  // The same person reads the receipt of their own candidature to Cohorte 1 in the other space.
  const project = testInfo.project.name === 'hydrate' ? 'Troc de manuels' : 'Vélos partagés';
  await mainNav(page).getByRole('link', { name: 'Mes candidatures' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mes candidatures');
  await settle(page);
  await mainContent(page).getByRole('row').filter({ hasText: project }).getByRole('link', { name: 'Voir ma candidature' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récépissé de dépôt');
  await expect(mainContent(page)).toContainText(project);
  await expect(mainContent(page)).toContainText("Le projet n'a pas encore d'utilisateurs");
  await settle(page);
  await logOut(page);

  // Staff follow the progress.
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/3/jury');
  await expect(mainContent(page)).toContainText('évaluations du jury envoyées');
  await expect(mainContent(page)).toContainText('6 jurés ont accepté sur les 15');
});

test('staff deliberate on the ranking and decide; the applicant reads the decision and the feedback', async ({ page }, testInfo) => {
  test.slow();
  // Each project of the suite decides on its own candidature of the jury cohort.
  const [project, holder] = testInfo.project.name === 'hydrate'
    ? ['Carte des fontaines', 'porteur.fontaines@demo.accelerateur.fr']
    : ['Transport solidaire rural', 'porteuse.transport@demo.accelerateur.fr'];
  await logIn(page, DEMO.staff, DEMO_PASSWORD);
  await visit(page, '/agent/cohortes/3/jury');
  await mainContent(page).getByRole('link', { name: 'Classement et délibération' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Délibération — Cohorte 3');
  await settle(page);
  const table = mainContent(page).getByRole('table', { name: 'Classement des candidatures' });
  await expect(table.getByRole('row')).toHaveCount(7);
  // Sorting by a column works through links (no JavaScript needed).
  await table.getByRole('link', { name: 'Moyenne', exact: true }).click();
  await expect(page).toHaveURL(/tri=moyenne&ordre=desc/);
  await expect(table.getByRole('columnheader', { name: 'Moyenne', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await settle(page);

  // A decision needs a reason for each criterion.
  await chooseCandidature(page, project);
  await tick(page, 'Sélectionnée');
  await mainContent(page).getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(mainContent(page).getByText('Ce champ est obligatoire.').first()).toBeVisible();
  await settle(page);
  await chooseCandidature(page, project);
  await tick(page, 'Sélectionnée');
  for (const criterion of ["L'objectif d'intérêt général", "L'impact pour tous les Français", 'La qualité du projet', "L'ouverture et la transparence", "L'intérêt de l'accompagnement par l'administration"]) {
    await field(page, `Motif — ${criterion}`).fill(`Motif retenu : ${criterion}.`);
  }
  await mainContent(page).getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(alertWith(page, 'Décision enregistrée.')).toBeVisible();
  await settle(page);
  await expect(table.getByRole('row').filter({ hasText: project })).toContainText('Sélectionnée');
  await logOut(page);

  // The applicant reads the decision with the averaged scores, never a juror's name.
  await logIn(page, holder, DEMO_PASSWORD);
  await visit(page, '/candidatures');
  await mainContent(page).getByRole('link', { name: /Voir/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Récépissé de dépôt');
  await settle(page);
  await expect(mainContent(page)).toContainText('Décision du jury : Sélectionnée');
  // The decision says that an algorithmic treatment helped it and links its rules (CRPA L311-3-1).
  await expect(mainContent(page)).toContainText("avec l'aide d'un traitement algorithmique");
  await expect(mainContent(page).getByRole('link', { name: 'Les règles de ce traitement' })).toHaveAttribute('href', '/decisions/regles');
  const feedback = mainContent(page).getByRole('table', { name: 'Retour détaillé par critère' });
  await expect(feedback).toContainText("Motif retenu : L'objectif d'intérêt général.");
  await expect(feedback).toContainText('/ 4');
  await expect(mainContent(page)).not.toContainText('Juré');
});

test('a co-applicant invited to the jury of their own cohort is refused, with the reason', async ({ page }) => {
  // Théo co-applies to « Mon suivi justice » (Cohorte 3) and was invited to Cohorte 3's jury.
  const coApplicant = 'coporteur.justice@demo.accelerateur.fr';
  const link = linkIn(await mailTo(coApplicant, 'Invitation au jury citoyen — Cohorte 3'), '/jury/invitation/');
  await logIn(page, coApplicant, DEMO_PASSWORD);
  await visit(page, link);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Invitation au jury citoyen');
  await settle(page);
  await mainContent(page).getByRole('button', { name: 'Accepter et rejoindre le jury' }).click();
  await expect(alertWith(page, "Conflit d'intérêts")).toBeVisible();
  await expect(mainContent(page)).toContainText('y porter ou co-porter une candidature');
  await settle(page);
  await expect(mainNav(page).getByRole('link', { name: 'Mon espace juré' })).toHaveCount(0);
});
