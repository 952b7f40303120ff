// « Mes données » (right of access): the demo applicant opens « Mon compte », then « Consulter
// et télécharger mes données », reads their candidature on the page and downloads the same data
// as JSON. Both projects (the link is a plain download link: the same with JavaScript off),
// axe on each page. Read-only for the shared demo account.

import * as fs from 'node:fs/promises';
import { DEMO, DEMO_PASSWORD, expect, heading1, logIn, mainContent, settle, test } from './fixtures';

test.describe('« Mes données »', () => {
  test('the demo applicant reads and downloads their data', async ({ page }) => {
    await logIn(page, DEMO.applicant, DEMO_PASSWORD);
    await expect(mainContent(page).getByRole('heading', { level: 2, name: 'Vos données' })).toBeVisible();
    await mainContent(page).getByRole('link', { name: 'Consulter et télécharger mes données' }).click();
    await expect(page).toHaveURL(/\/compte\/mes-donnees$/);
    await expect(heading1(page, 'Mes données')).toBeVisible();
    await settle(page);

    const main = mainContent(page);
    await expect(main).toContainText('article 15');
    await expect(main.getByRole('link', { name: 'Données personnelles', exact: true })).toHaveAttribute('href', '/donnees-personnelles');
    for (const section of ['Votre compte', 'Moyens de connexion', 'Sessions', 'Candidatures', 'Jury citoyen', 'Courriels envoyés']) {
      await expect(main.getByRole('heading', { level: 2, name: section, exact: true })).toBeVisible();
    }
    await expect(main.getByRole('heading', { level: 3, name: /^Covidliste — C\d+-\d{5}$/ })).toBeVisible();
    await expect(main).toContainText(DEMO.applicant);
    // The staff's question in the thread, by « l'équipe du programme », never by name.
    const thread = main.getByRole('table', { name: 'Fil de messages de la candidature' });
    await expect(thread.getByRole('cell', { name: "l'équipe du programme" }).first()).toBeVisible();
    await expect(main.getByRole('table', { name: 'Sessions ouvertes' }).locator('tbody tr')).not.toHaveCount(0);

    // The JSON download: a file named by the date, parsed, naming the person's address.
    const link = main.getByRole('link', { name: 'Télécharger mes données (JSON)' });
    await expect(link).toHaveAttribute('href', '/compte/mes-donnees.json');
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const data = JSON.parse(await fs.readFile(path, 'utf8'));
    expect(data.account.email).toBe(DEMO.applicant);
    expect(data.candidatures.map((c: { project_name: string }) => c.project_name)).toContain('Covidliste');
    expect(typeof data.generated_at).toBe('number');
    // Still on the page (a download does not navigate).
    await expect(heading1(page, 'Mes données')).toBeVisible();
  });

  test('signed out, the page asks to sign in and the file is refused', async ({ page, request }) => {
    const response = await page.goto('/compte/mes-donnees');
    expect(response?.status()).toBe(401);
    await expect(heading1(page, 'Connexion requise')).toBeVisible();
    await settle(page);
    const file = await request.get('/compte/mes-donnees.json');
    expect(file.status()).toBe(401);
  });
});
