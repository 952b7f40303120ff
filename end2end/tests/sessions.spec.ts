// « Vos sessions ouvertes » in « Mon compte »: a person signed in from two browsers sees both
// sessions (the current one marked), closes the other from the first, and the other browser
// is signed out at its next page. A new account (the demo ones are shared by every test).
// Both projects, axe on each page.

import {
  alertWith,
  expect,
  heading1,
  logIn,
  mainContent,
  mainNav,
  newAccount,
  settle,
  signUp,
  test,
  visit,
} from './fixtures';
import { BASE_URL } from './servers';

test.describe('sessions in « Mon compte »', () => {
  test('a second browser is listed, then closed from the first', async ({ page, browser }) => {
    const account = newAccount('sessions');
    await signUp(page, account);

    // The same person in another browser (same project settings: JavaScript on or off).
    const use = test.info().project.use;
    const elsewhere = await browser.newContext({
      baseURL: BASE_URL,
      javaScriptEnabled: use.javaScriptEnabled,
      locale: use.locale,
      viewport: use.viewport,
    });
    const other = await elsewhere.newPage();
    try {
      await logIn(other, account.email, account.password);

      await visit(page, '/compte');
      const table = mainContent(page).getByRole('table', { name: 'Sessions ouvertes sur votre compte' });
      await expect(mainContent(page).getByRole('heading', { level: 2, name: 'Vos sessions ouvertes' })).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(2);
      await expect(table.getByText('Cette session', { exact: true })).toHaveCount(1);
      // Headless Chromium on Linux, read from the user agent.
      await expect(table.locator('tbody th', { hasText: 'Chrome sur Linux' })).toHaveCount(2);
      await expect(mainContent(page).getByRole('button', { name: 'Fermer toutes les autres sessions' })).toBeVisible();

      // One « Fermer » button: the other session's (not this one's).
      const close = table.getByRole('button', { name: /^Fermer la session/ });
      await expect(close).toHaveCount(1);
      await close.click();
      await expect(page).toHaveURL(/\/compte\?ok=session-fermee$/);
      await expect(alertWith(page, 'La session est fermée.')).toBeVisible();
      await expect(table.locator('tbody tr')).toHaveCount(1);
      await expect(mainContent(page).getByRole('button', { name: 'Fermer toutes les autres sessions' })).toHaveCount(0);
      await settle(page);

      // The other browser is signed out at its next page.
      await visit(other, '/compte', 401);
      await expect(mainNav(other).getByRole('link', { name: 'Se connecter', exact: true })).toBeVisible();
      await expect(heading1(other, 'Mon compte')).toHaveCount(0);
      // The first still is.
      await visit(page, '/compte');
      await expect(heading1(page, 'Mon compte')).toBeVisible();
    } finally {
      await elsewhere.close();
    }
  });
});
