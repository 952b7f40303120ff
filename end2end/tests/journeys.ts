// Steps of the candidature journey shared by several specs.

import type { Page } from '@playwright/test';
import { expect, field, mainContent, settle } from './fixtures';

export const COMMITMENTS = [
  'Le respect des valeurs du service public',
  'La transparence sur les dispositifs de financement et les ressources',
  'La publication des résultats, données et codes sources',
  "La participation à l'écosystème du service public augmenté",
];

/** Ticks a DSFR checkbox or radio button by clicking its label, as a person does. */
export async function tick(page: Page, label: string): Promise<void> {
  await page.locator('label.fr-label').getByText(label, { exact: true }).click();
  await expect(page.getByLabel(label, { exact: true })).toBeChecked();
}

/** « Enregistrer et continuer », then lands on step `step`. */
export async function continueTo(page: Page, step: number, title: string): Promise<void> {
  await mainContent(page).getByRole('button', { name: 'Enregistrer et continuer' }).click();
  await expect(page).toHaveURL(new RegExp(`/candidatures/\\d+/etape/${step}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await settle(page);
}

/** From « Mes candidatures » (call open), starts a candidature, fills the 5 steps without
 *  mistakes, accepts the 4 commitments and submits; ends on the receipt. Returns its id. */
export async function applyFully(page: Page, projectName: string): Promise<string> {
  await mainContent(page).getByRole('button', { name: 'Commencer ou reprendre ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/etape\/1$/);
  const id = /\/candidatures\/(\d+)\//.exec(page.url())![1];
  await settle(page);
  await field(page, 'Nom du projet').fill(projectName);
  await field(page, 'Le projet en une phrase').fill('Rendre les horaires des mairies lisibles par tous.');
  await field(page, 'Description du projet').fill('Un annuaire ouvert des horaires, mis à jour par les agents.');
  await field(page, 'Avancement').selectOption({ label: 'Prototype' });
  await field(page, 'Thème').selectOption({ label: 'Citoyenneté et démocratie' });
  await continueTo(page, 2, 'Intérêt général et impact');
  await field(page, "L'objectif d'intérêt général").fill('Moins de déplacements inutiles.');
  await field(page, "L'impact pour tous les Français").fill('Toutes les communes de France.');
  await continueTo(page, 3, "L'équipe");
  await field(page, 'Qui porte le projet ?').selectOption({ label: 'Particulier' });
  await continueTo(page, 4, 'Ouverture et transparence');
  await field(page, 'Licence').fill('EUPL-1.2');
  await field(page, 'Données et code publiés, et quand').fill('Dès le premier jour.');
  await field(page, 'Financements et ressources').fill('Aucun.');
  await continueTo(page, 5, "L'accompagnement souhaité");
  await tick(page, 'Promotion et valorisation du projet');
  await field(page, 'Ce que ce soutien apporterait Promotion et valorisation du projet').fill('Se faire connaître.');
  await continueTo(page, 6, 'Récapitulatif et dépôt');
  for (const c of COMMITMENTS) await tick(page, `Je m'engage : ${c}`);
  await mainContent(page).getByRole('button', { name: 'Déposer ma candidature' }).click();
  await expect(page).toHaveURL(/\/candidatures\/\d+\/recepisse$/);
  await settle(page);
  return id;
}
