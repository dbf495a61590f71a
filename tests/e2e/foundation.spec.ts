import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { createUserInDb, expectAccessible, login, logout, register, uniqueEmail, visit } from './helpers';

test('a council member registers, logs out, logs in again and sees a wrong password refused', async ({ page }) => {
	await visit(page, '/');
	const acct = await register(page, { name: 'Leyla Demir' });
	await visit(page, '/account');
	await expect(page.getByLabel('Anzeigename')).toHaveValue('Leyla Demir');
	await logout(page);
	await expect(page.getByRole('link', { name: 'Anmelden' })).toBeVisible();

	await login(page, acct.email, 'ein falsches Passwort');
	await expect(page.getByRole('alert')).toContainText('E-Mail-Adresse oder Passwort stimmen nicht');
	await expectAccessible(page);
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(acct.email);

	await login(page, acct.email, acct.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeVisible();
});

test('registration with bad input keeps what was typed and says what is wrong', async ({ page }) => {
	await visit(page, '/register');
	const email = uniqueEmail('bad');
	await page.getByLabel('E-Mail-Adresse').fill(email);
	await page.getByLabel('Anzeigename').fill('Kurz');
	await page.getByLabel(/^Passwort$/).fill('kurz');
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await expect(page.getByText('Das Passwort muss mindestens 8 Zeichen lang sein.')).toBeVisible();
	await expect(page.getByText('Bitte bestätigen Sie den Datenschutzhinweis.')).toBeVisible();
	await expect(page.getByLabel('E-Mail-Adresse')).toHaveValue(email);
	await expect(page.getByLabel('Anzeigename')).toHaveValue('Kurz');
	await expectAccessible(page);
});

test('after 10 failed logins the pair is refused, even with the right password, and the page says until when', async ({ page }) => {
	const user = await createUserInDb('learner');
	for (let i = 0; i < 10; i++) {
		await login(page, user.email, `falsch ${i} passwort`);
		await expect(page.getByRole('alert')).toContainText('stimmen nicht');
	}
	await login(page, user.email, user.password);
	await expect(page.getByRole('alert')).toContainText(/Zu viele fehlgeschlagene Anmeldeversuche\. Bitte versuchen Sie es um \d\d:\d\d Uhr wieder\./);
	expect(new URL(page.url()).pathname).toBe('/login');
});

test('the language can be switched on every page, and the account remembers it', async ({ page }) => {
	await visit(page, '/courses');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await page.getByLabel('Sprache', { exact: true }).selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('link', { name: 'Courses' })).toBeVisible();
	expect(new URL(page.url()).pathname).toBe('/courses');
	await expectAccessible(page);

	// a logged-in user's choice is stored in the account and wins over the browser's language
	const acct = await register(page);
	await visit(page, '/account');
	await page.getByLabel('Interface language').selectOption('de');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByRole('status')).toContainText('gespeichert');
	await page.context().clearCookies();
	await login(page, acct.email, acct.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});

test('the browser language decides for a visitor without a choice', async ({ browser }) => {
	const ctx = await browser.newContext({ locale: 'en-GB', extraHTTPHeaders: { 'accept-language': 'en-GB,en;q=0.9' } });
	const page = await ctx.newPage();
	await visit(page, '/');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await ctx.close();
});

test('an anonymous visitor is sent to log in and comes back to where they wanted to go', async ({ page }) => {
	const user = await createUserInDb('learner');
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount/);
	await expectAccessible(page);
	await page.getByLabel('E-Mail-Adresse').fill(user.email);
	await page.getByLabel(/^Passwort$/).fill(user.password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
	await page.waitForURL('**/account');
	await expect(page.getByRole('heading', { name: 'Mein Konto' })).toBeVisible();
	await expectAccessible(page);
});

test('a learner gets 403 on /admin and /studio', async ({ page }) => {
	await register(page);
	for (const path of ['/admin', '/studio']) {
		const res = await page.goto(path);
		expect(res?.status(), path).toBe(403);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('403');
		await expectAccessible(page);
	}
});

test('account: change password ends other sessions, export downloads my data, deletion needs the password', async ({ page, browser }) => {
	const acct = await register(page, { name: 'Export Person' });
	// a second device
	const other = await browser.newContext();
	const otherPage = await other.newPage();
	await login(otherPage, acct.email, acct.password);
	await otherPage.waitForURL((u) => !u.pathname.startsWith('/login'));

	await visit(page, '/account');
	await expect(page.getByText('diese Sitzung')).toBeVisible();
	await page.getByLabel('Aktuelles Passwort').first().fill(acct.password);
	await page.getByLabel('Neues Passwort').fill('ein neues langes Passwort');
	await page.getByRole('button', { name: 'Passwort ändern' }).click();
	await expect(page.getByRole('status')).toContainText('Alle anderen Sitzungen wurden beendet');
	await otherPage.goto('/account');
	await expect(otherPage).toHaveURL(/\/login/);
	await other.close();

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Daten herunterladen' }).click();
	const file = await (await download).path();
	const data = JSON.parse(fs.readFileSync(file, 'utf8'));
	expect(data.account.email).toBe(acct.email);
	expect(data.account.displayName).toBe('Export Person');
	expect(JSON.stringify(data)).not.toContain('password');

	await page.locator('#deletePassword').fill('falsch falsch');
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await expect(page.getByRole('alert')).toContainText('Das aktuelle Passwort stimmt nicht');
	await page.locator('#deletePassword').fill('ein neues langes Passwort');
	await page.getByRole('button', { name: 'Konto endgültig löschen' }).click();
	await page.waitForURL('**/?deleted=1');
	await login(page, acct.email, 'ein neues langes Passwort');
	await expect(page.getByRole('alert')).toContainText('stimmen nicht');
});

test('password reset by mailed link, single use', async ({ page }) => {
	const user = await createUserInDb('learner');
	await visit(page, '/reset');
	await page.getByLabel('E-Mail-Adresse').fill(user.email);
	await page.getByRole('button', { name: 'Link schicken' }).click();
	await expect(page.getByRole('status')).toContainText('unterwegs');
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const mail = (await db().select().from(schema.outbox).where(eq(schema.outbox.to, user.email)))[0];
	const link = mail.body.match(/https?:\/\/\S+\/reset\/\S+/)![0];
	await visit(page, new URL(link).pathname);
	await page.getByLabel('Neues Passwort').fill('frisch gesetztes Passwort');
	await page.getByRole('button', { name: 'Passwort speichern' }).click();
	await expect(page.getByRole('status')).toContainText('Ihr Passwort ist geändert');
	await visit(page, new URL(link).pathname);
	await expect(page.getByRole('alert')).toContainText('abgelaufen oder wurde schon benutzt');
	await login(page, user.email, 'frisch gesetztes Passwort');
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
});
