// The pages a French public service links from every page's footer: « Plan du site »,
// the accessibility statement (its compliance state in the footer mention), « Mentions
// légales » and « Données personnelles ». Reached from the footer, in both projects, axe on each.

import { expect, heading1, mainContent, settle, test, visit } from './fixtures';
import type { Page } from '@playwright/test';

const footer = (page: Page) => page.getByRole('contentinfo');

test.describe('legal pages from the footer', () => {
  test('site map, accessibility statement, legal notice and privacy notice', async ({ page }) => {
    await visit(page, '/initiatives');
    await footer(page).getByRole('link', { name: 'Plan du site', exact: true }).click();
    await expect(page).toHaveURL(/\/plan-du-site$/);
    await expect(heading1(page, 'Plan du site')).toBeVisible();
    await settle(page);
    // Every page it names is linked.
    for (const name of ['Données ouvertes', 'Mes candidatures', 'Mon espace juré', 'Cohortes', 'Mentions légales']) {
      await expect(mainContent(page).getByRole('link', { name, exact: true })).toBeVisible();
    }

    // The footer says the true state: no RGAA audit yet, so « non conforme ».
    await footer(page).getByRole('link', { name: 'Accessibilité : non conforme', exact: true }).click();
    await expect(page).toHaveURL(/\/accessibilite$/);
    await expect(heading1(page, "Déclaration d'accessibilité")).toBeVisible();
    await settle(page);
    for (const section of ['État de conformité', 'Résultats des tests', 'Contenus non accessibles', 'Retour d\'information et contact', 'Voies de recours']) {
      await expect(mainContent(page).getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    await expect(mainContent(page)).toContainText("il n'a pas encore fait l'objet d'un audit de conformité");
    await expect(mainContent(page)).toContainText('axe-core');
    await expect(mainContent(page).getByRole('link', { name: 'formulaire en ligne' })).toBeVisible();

    await footer(page).getByRole('link', { name: 'Mentions légales', exact: true }).click();
    await expect(page).toHaveURL(/\/mentions-legales$/);
    await expect(heading1(page, 'Mentions légales')).toBeVisible();
    await settle(page);
    for (const section of ['Éditeur', 'Directeur de la publication', 'Hébergement', 'Nous contacter']) {
      await expect(mainContent(page).getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    await expect(mainContent(page)).toContainText('Ministère de la Transformation et de la Fonction publiques');

    // The privacy notice: what is kept and how long (the retention table the purge follows),
    // the rights and where to use them, the CNIL, the only cookies.
    await footer(page).getByRole('link', { name: 'Données personnelles', exact: true }).click();
    await expect(page).toHaveURL(/\/donnees-personnelles$/);
    await expect(heading1(page, 'Données personnelles')).toBeVisible();
    await settle(page);
    for (const section of ['Responsable du traitement', 'Base légale', 'Combien de temps elles sont conservées', 'Vos droits', 'Délégué à la protection des données', 'Réclamation auprès de la CNIL', 'Cookies']) {
      await expect(mainContent(page).getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    const retention = mainContent(page).getByRole('table', { name: 'Durées de conservation' });
    await expect(retention.locator('tbody tr')).toHaveCount(9);
    await expect(retention.getByRole('rowheader', { name: 'Brouillon de candidature jamais déposé' })).toBeVisible();
    await expect(retention.getByRole('row', { name: /Contenu des courriels envoyés.*3 mois après l'envoi/ })).toBeVisible();
    await expect(mainContent(page)).toContainText('mission d\'intérêt public');
    await expect(mainContent(page).getByRole('link', { name: 'adresser une plainte à la CNIL' })).toHaveAttribute('href', 'https://www.cnil.fr/fr/plaintes');
    await expect(mainContent(page).getByRole('link', { name: '« Mes données »' })).toHaveAttribute('href', '/compte/mes-donnees');
    await expect(mainContent(page).getByRole('link', { name: 'supprimez votre compte' })).toHaveAttribute('href', '/compte/supprimer');
    await expect(mainContent(page).getByRole('link', { name: 'dpd@accelerateur.localhost' })).toBeVisible();
    await expect(mainContent(page).getByRole('table', { name: 'Cookies déposés par le service' }).locator('tbody tr')).toHaveCount(6);
  });

  test('the rules of the ranking that helps the jury decide', async ({ page }) => {
    await visit(page, '/plan-du-site');
    await mainContent(page).getByRole('link', { name: 'Comment le jury classe les candidatures' }).click();
    await expect(page).toHaveURL(/\/decisions\/regles$/);
    await expect(heading1(page, 'Comment le jury classe les candidatures')).toBeVisible();
    await settle(page);
    for (const section of ['La part du traitement dans la décision', 'Les données traitées et leur source', 'Les paramètres et leur pondération', 'Les opérations effectuées']) {
      await expect(mainContent(page).getByRole('heading', { level: 2, name: section })).toBeVisible();
    }
    await expect(mainContent(page)).toContainText("L'objectif d'intérêt général");
    await expect(mainContent(page)).toContainText('écart type');
  });

  test('in English', async ({ page }) => {
    await visit(page, '/langue/en?retour=/accessibilite');
    await expect(heading1(page, 'Accessibility statement')).toBeVisible();
    await expect(footer(page).getByRole('link', { name: 'Accessibility: not compliant', exact: true })).toBeVisible();
    await visit(page, '/mentions-legales');
    await expect(heading1(page, 'Legal notice')).toBeVisible();
    await visit(page, '/donnees-personnelles');
    await expect(heading1(page, 'Personal data')).toBeVisible();
    await expect(mainContent(page).getByRole('table', { name: 'Retention periods' }).locator('tbody tr')).toHaveCount(9);
  });
});
