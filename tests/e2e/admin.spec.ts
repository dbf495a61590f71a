// An administrator's day in Chromium: find a person, make them a trainer, create a council and add
// them, disable another account (which then cannot log in), and find all of it in the audit log.
import { test, expect } from '@playwright/test';
import { createUserInDb, expectAccessible, uniqueEmail, visit } from './helpers';

test.use({ locale: 'de-DE' });

test('an admin manages people, councils and sees the audit log', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const tag = Date.now().toString(36);
	const admin = await createUserInDb('admin', { name: 'Ada Verwaltung' });
	const person = await createUserInDb('learner', { name: `Selin Kaya ${tag}`, email: uniqueEmail('selin') });
	const leaver = await createUserInDb('learner', { name: `Jonas Weg ${tag}` });
	const councilName = `Integrationsbeirat E2E ${tag}`;

	// anonymous → login → back to /admin
	await page.goto('/admin');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin/);
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(admin.email);
	await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await expect(page).toHaveURL(/\/admin$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Verwaltung' })).toBeVisible();
	await expectAccessible(page);
	// the overview links the courses too (issue 13)
	await expect(page.getByRole('heading', { level: 2, name: 'Kurse' }).getByRole('link')).toHaveAttribute('href', '/admin/courses');

	// search (case-insensitive) and change the role
	await visit(page, '/admin/users');
	await page.getByLabel('Suche nach E-Mail-Adresse oder Name').fill(`selin kaya ${tag}`.toUpperCase());
	await page.getByRole('button', { name: 'Suchen' }).click();
	await expect(page).toHaveURL(/q=SELIN/);
	await expect(page.getByText('1 Konto gefunden')).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('link', { name: `Selin Kaya ${tag}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: `Selin Kaya ${tag}` })).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Rolle dieses Kontos').selectOption({ label: 'Trainer:in' });
	await page.getByRole('button', { name: 'Rolle ändern' }).click();
	await expect(page.getByText(`Rolle von Selin Kaya ${tag} von Lernende:r zu Trainer:in ändern?`)).toBeVisible();
	await page.getByRole('button', { name: 'Ja, Rolle ändern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Die Rolle wurde geändert.' })).toBeVisible();
	await expect(page.locator('dl')).toContainText('Trainer:in');

	// create a council and add the person as a member
	await visit(page, '/admin/councils');
	await page.getByLabel('Name').fill(councilName);
	await page.getByLabel('Ort').fill('Halle (Saale)');
	await page.getByRole('button', { name: 'Beirat anlegen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: councilName })).toBeVisible();
	await expect(page.getByText('Der Beirat wurde angelegt.')).toBeVisible();
	await expect(page.getByText(/Kennung: integrationsbeirat-e2e-/)).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse des Kontos').fill(person.email);
	await page.getByLabel('Rolle im Beirat').selectOption('member');
	await page.getByRole('button', { name: 'Zuordnen' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Die Person ist zugeordnet.' })).toBeVisible();
	const row = page.getByRole('row', { name: new RegExp(`Selin Kaya ${tag}`) });
	await expect(row).toContainText('Mitglied');
	// an unknown email is refused with a reason
	await page.getByLabel('E-Mail-Adresse des Kontos').fill('niemand-' + tag + '@example.org');
	await page.getByRole('button', { name: 'Zuordnen' }).click();
	await expect(page.getByRole('alert')).toContainText('Zu dieser E-Mail-Adresse gibt es kein Konto');
	await expectAccessible(page);

	// the person's page lists the council
	await row.getByRole('link', { name: `Selin Kaya ${tag}` }).click();
	await expect(page.getByRole('link', { name: councilName })).toBeVisible();

	// disable an account that is logged in elsewhere: its session ends and it cannot log in again
	const other = await browser.newContext({ locale: 'de-DE' });
	const leaverPage = await other.newPage();
	const loginAs = async (who: { email: string; password: string }) => {
		await visit(leaverPage, '/login?redirectTo=/account');
		await leaverPage.getByLabel('E-Mail-Adresse').fill(who.email);
		await leaverPage.getByLabel('Passwort', { exact: true }).fill(who.password);
		await leaverPage.getByRole('button', { name: 'Anmelden', exact: true }).click();
	};
	await loginAs(leaver);
	await expect(leaverPage).toHaveURL((u) => u.pathname === "/account");

	await visit(page, `/admin/users/${leaver.id}`);
	await expect(page.locator('dl')).toContainText(/Angemeldete Sitzungen\s*1/);
	await page.getByRole('button', { name: 'Konto sperren' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Das Konto ist gesperrt' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Konto entsperren' })).toBeVisible();
	await expect(page.locator('dl')).toContainText(/Angemeldete Sitzungen\s*0/);
	await expectAccessible(page);

	await leaverPage.goto('/account');
	await expect(leaverPage).toHaveURL(/\/login\?redirectTo=%2Faccount/);
	await loginAs(leaver);
	await expect(leaverPage.getByRole('alert')).toContainText('Dieses Konto ist gesperrt');
	await other.close();

	// the audit log says who did what to whom, in words
	await visit(page, '/admin/audit');
	const mine = page.getByRole('row').filter({ hasText: 'Ada Verwaltung hat' });
	await expect(mine.filter({ hasText: `Ada Verwaltung hat die Rolle von Selin Kaya ${tag} von Lernende:r zu Trainer:in geändert.` })).toHaveCount(1);
	await expect(mine.filter({ hasText: `Ada Verwaltung hat den Beirat ${councilName} angelegt.` })).toHaveCount(1);
	await expect(mine.filter({ hasText: `Ada Verwaltung hat Selin Kaya ${tag} dem Beirat ${councilName} als Mitglied zugeordnet.` })).toHaveCount(1);
	await expect(mine.filter({ hasText: `Ada Verwaltung hat das Konto von Jonas Weg ${tag} gesperrt.` })).toHaveCount(1);
	// filtered by a group of actions
	await page.getByLabel('Welche Einträge').selectOption({ label: 'Beiräte und Einladungen: alle' });
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/action=group%3Acouncils/);
	await expect(mine.filter({ hasText: `den Beirat ${councilName} angelegt` })).toHaveCount(1);
	await expect(page.getByRole('row').filter({ hasText: 'gesperrt' })).toHaveCount(0);
	await expectAccessible(page);
});
