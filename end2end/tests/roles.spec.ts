// Roles: what each demo account sees in the menu, which pages it may open, and the admin's role
// change. The demo accounts are only read (never modified: the server is shared).

import {
  DEMO,
  DEMO_PASSWORD,
  MENU_LINKS,
  ROLE_LABEL,
  alertWith,
  expect,
  expectMenu,
  heading1,
  logIn,
  logOut,
  mainContent,
  mainNav,
  newAccount,
  settle,
  signUp,
  test,
  visit,
  type Role,
} from './fixtures';

const ROLES: Role[] = ['applicant', 'juror', 'staff', 'admin'];

test.describe('menu of each role', () => {
  test('anonymous visitor', async ({ page }) => {
    await visit(page, '/');
    await expectMenu(page, MENU_LINKS.anonymous, false);
  });

  for (const role of ROLES) {
    test(`${role} (${DEMO[role]})`, async ({ page }) => {
      await logIn(page, DEMO[role], DEMO_PASSWORD);
      await expect(mainContent(page)).toContainText(DEMO[role]);
      await expect(mainContent(page)).toContainText(ROLE_LABEL[role]);
      await expectMenu(page, MENU_LINKS[role], true);

      // Same menu on another page.
      await visit(page, '/');
      await expectMenu(page, MENU_LINKS[role], true);
    });
  }
});

test.describe('access control', () => {
  for (const path of ['/agent/cohortes', '/admin/utilisateurs', '/compte']) {
    test(`anonymous on ${path}: 401 "Connexion requise"`, async ({ page }) => {
      await visit(page, path, 401);
      await expect(heading1(page, 'Connexion requise')).toBeVisible();
      await expect(mainContent(page).getByRole('link', { name: 'Se connecter' })).toHaveAttribute(
        'href',
        /^\/connexion/,
      );
    });
  }

  const forbidden: [Role, string][] = [
    ['applicant', '/agent/cohortes'],
    ['applicant', '/admin/utilisateurs'],
    ['juror', '/agent/cohortes'],
    ['juror', '/admin/utilisateurs'],
    ['staff', '/admin/utilisateurs'],
  ];
  for (const [role, path] of forbidden) {
    test(`${role} on ${path}: 403 "Accès refusé"`, async ({ page }) => {
      await logIn(page, DEMO[role], DEMO_PASSWORD);
      await visit(page, path, 403);
      await expect(heading1(page, 'Accès refusé')).toBeVisible();
    });
  }
});

test.describe('staff and admin pages', () => {
  for (const role of ['staff', 'admin'] as const) {
    test(`${role} sees the cohorts table`, async ({ page }) => {
      await logIn(page, DEMO[role], DEMO_PASSWORD);
      await mainNav(page).getByRole('link', { name: 'Cohortes', exact: true }).click();
      await expect(page).toHaveURL(/\/agent\/cohortes$/);
      await expect(heading1(page, 'Cohortes')).toBeVisible();
      await settle(page);

      const table = mainContent(page).getByRole('table', { name: 'Cohortes et calendrier des phases' });
      await expect(table).toBeVisible();
      // A header row and at least one seeded cohort.
      await expect.poll(() => table.getByRole('row').count()).toBeGreaterThanOrEqual(2);
    });
  }

  test('admin makes a new account a staff member ("Agent")', async ({ page }) => {
    test.slow(); // several sign-ins (password hashing) and page loads
    const account = newAccount('nouvel-agent');
    await signUp(page, account);
    await expect(mainContent(page)).toContainText('Citoyen');
    await logOut(page);

    await logIn(page, DEMO.admin, DEMO_PASSWORD);
    await mainNav(page).getByRole('link', { name: 'Utilisateurs', exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/utilisateurs$/);
    await expect(heading1(page, 'Utilisateurs')).toBeVisible();
    await settle(page);
    await expect(mainContent(page).getByRole('table')).toBeVisible();

    const roleSelect = page.getByLabel(`Rôle de ${account.email}`, { exact: true });
    await expect(roleSelect).toBeVisible();
    await expect(roleSelect.locator('option:checked')).toHaveText('Citoyen');
    // Being a juror is a seat on a jury, never a role.
    await expect(roleSelect.locator('option')).toHaveText(['Citoyen', 'Agent', 'Administrateur']);
    await roleSelect.selectOption({ label: 'Agent' });
    await page.locator('form').filter({ has: roleSelect }).getByRole('button', { name: 'Enregistrer' }).click();
    await expect(alertWith(page, 'Rôle mis à jour.')).toBeVisible();
    await settle(page);

    // Saved: shown after a reload, and the account now opens the staff pages.
    await visit(page, '/admin/utilisateurs');
    await expect(page.getByLabel(`Rôle de ${account.email}`, { exact: true }).locator('option:checked')).toHaveText('Agent');
    await logOut(page);
    await logIn(page, account.email, account.password);
    await expect(mainContent(page)).toContainText('Agent');
    await expectMenu(page, MENU_LINKS.staff, true);
  });
});
