// The accessibility statement (/barrierefreiheit): the sections the EU model statement requires, reachable from every
// page's footer, and its feedback form without JavaScript: a message is stored, the admins get a mail (outbox without
// SMTP) and see it in /admin; bad input comes back with translated reasons and stores nothing.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { createUserInDb, expectAccessible, login, visit } from './helpers';

async function feedbackRows(marker: string) {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, schema } = await import('../../src/lib/server/db');
	const { like } = await import('drizzle-orm');
	return db().select().from(schema.accessibilityFeedback).where(like(schema.accessibilityFeedback.message, `%${marker}%`));
}
async function outboxFor(email: string) {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	return db().select().from(schema.outbox).where(eq(schema.outbox.to, email));
}

/** axe needs scripts: the page as the no-JS browser got it is served again to a script-enabled browser. */
async function expectAccessibleNoJs(page: Page, browser: Browser) {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const ctx = await browser.newContext({ javaScriptEnabled: true });
	try {
		const copy = await ctx.newPage();
		await copy.route(page.url(), (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
		await copy.goto(page.url());
		await expectAccessible(copy);
	} finally {
		await ctx.close();
	}
}

test('the statement has every section of the EU model statement and is linked from every page’s footer', async ({ page }) => {
	test.slow(); // several axe runs
	for (const path of ['/', '/courses', '/podcast', '/login']) {
		await page.goto(path);
		await expect(page.getByRole('contentinfo').getByRole('link', { name: 'Barrierefreiheit' })).toHaveAttribute('href', '/barrierefreiheit');
	}
	await page.getByRole('contentinfo').getByRole('link', { name: 'Barrierefreiheit' }).click();
	await expect(page).toHaveURL(/\/barrierefreiheit$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erklärung zur Barrierefreiheit');
	for (const h of ['Stand der Vereinbarkeit mit den Anforderungen', 'Nicht barrierefreie Inhalte', 'Erstellung dieser Erklärung', 'Rückmeldung und Kontakt', 'Durchsetzungsverfahren']) {
		await expect(page.getByRole('heading', { level: 2, name: h })).toBeVisible();
	}
	const main = page.getByRole('main');
	await expect(main).toContainText('teilweise mit den Anforderungen vereinbar');
	await expect(main).toContainText('EN 301 549');
	await expect(main).toContainText('WCAG) 2.1');
	await expect(main).toContainText('Diese Erklärung wurde am 2. Dezember 2026 erstellt.');
	await expect(main).toContainText('Zuletzt überprüft wurde die Erklärung am 2. Dezember 2026.');
	// the e2e server has no DGS video and no configured enforcement body: the page says both
	await expect(page.getByRole('region', { name: 'Nicht barrierefreie Inhalte' })).toContainText('Das Video in Deutscher Gebärdensprache, das die Startseite erklärt, fehlt noch');
	await expect(page.getByRole('region', { name: 'Durchsetzungsverfahren' })).toContainText('Platzhalter: Der Betreiber dieser Website hat die zuständige Stelle noch nicht eingetragen.');
	await expect(page.getByRole('region', { name: 'Durchsetzungsverfahren' })).toContainText('Schlichtungsstelle nach § 16 BGG');
	await expect(page.getByRole('form', { name: 'Ihre Rückmeldung' })).toBeVisible();
	await expectAccessible(page);
});

test.describe('feedback without JavaScript', () => {
	test.use({ javaScriptEnabled: false, locale: 'de-DE' });

	test('a message is stored, mailed to the admins and listed for them in /admin', async ({ page, browser }) => {
		test.slow(); // several axe runs
		const admin = await createUserInDb('admin');
		const marker = `Kontrast-${Date.now().toString(36)}`;
		await page.goto('/barrierefreiheit');
		await page.getByLabel('Ihre Nachricht').fill(`Die grauen Hinweise sind schwer zu lesen (${marker}).`);
		await page.getByLabel('Welche Seite ist betroffen? (freiwillig)').fill('/register');
		await page.getByLabel('Ihr Name (freiwillig)').fill('Yusuf Aydın');
		await page.getByLabel('Ihre E-Mail-Adresse (freiwillig)').fill('yusuf@example.org');
		await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
		await expect(page).toHaveURL(/\/barrierefreiheit\?gesendet#feedback$/);
		await expect(page.getByRole('status')).toHaveText('Vielen Dank. Ihre Rückmeldung ist angekommen.');
		await expectAccessibleNoJs(page, browser);

		const rows = await feedbackRows(marker);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ page: '/register', name: 'Yusuf Aydın', email: 'yusuf@example.org', locale: 'de' });
		const mails = (await outboxFor(admin.email)).filter((m) => m.body.includes(marker));
		expect(mails).toHaveLength(1);
		expect(mails[0].subject).toBe('Neue Rückmeldung zur Barrierefreiheit');
		expect(mails[0].body).toContain('Seite: /register');
		expect(mails[0].body).toContain('E-Mail: yusuf@example.org');

		await page.goto('/login');
		await page.getByLabel('E-Mail-Adresse').fill(admin.email);
		await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
		await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/login'));
		await page.goto('/admin');
		await page.getByRole('link', { name: 'Rückmeldungen' }).first().click();
		await expect(page).toHaveURL(/\/admin\/feedback$/);
		const item = page.getByRole('listitem').filter({ hasText: marker });
		await expect(item).toContainText('Yusuf Aydın');
		await expect(item).toContainText('/register');
		await expect(item.getByRole('link', { name: 'yusuf@example.org' })).toHaveAttribute('href', 'mailto:yusuf@example.org');
		await expectAccessibleNoJs(page, browser);

		// deleting it (with an accessible name that says which one) removes it from the list
		await item.getByRole('button', { name: /^Rückmeldung vom .+ löschen$/ }).click();
		await expect(page.getByRole('status')).toHaveText('Die Rückmeldung wurde gelöscht.');
		await expect(page.getByRole('listitem').filter({ hasText: marker })).toHaveCount(0);
		expect(await feedbackRows(marker)).toHaveLength(0);
	});

	test('bad input comes back with translated reasons, keeps what was typed and stores nothing', async ({ browser }) => {
		test.slow(); // several axe runs
		const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'tr-TR', extraHTTPHeaders: { 'accept-language': 'tr' } });
		const page = await ctx.newPage();
		const marker = `zu-kurz-${Date.now().toString(36)}`;
		await page.goto('/barrierefreiheit');
		await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
		await page.getByLabel('Mesajınız').fill('kurz');
		await page.getByLabel('Adınız (isteğe bağlı)').fill(marker);
		await page.getByLabel('E-posta adresiniz (isteğe bağlı)').fill('keine-adresse');
		await page.getByRole('button', { name: 'Geri bildirimi gönder' }).click();
		await expect(page.getByRole('alert')).toBeVisible();
		await expect(page.getByText('Lütfen en az 10 karakterlik bir mesaj yazın.')).toBeVisible();
		await expect(page.getByText('Lütfen geçerli bir e-posta adresi girin ya da alanı boş bırakın.')).toBeVisible();
		await expect(page.getByLabel('Mesajınız')).toHaveValue('kurz');
		await expect(page.getByLabel('Mesajınız')).toHaveAttribute('aria-invalid', 'true');
		await expect(page.getByLabel('E-posta adresiniz (isteğe bağlı)')).toHaveValue('keine-adresse');
		process.env.DATABASE_URL = process.env.E2E_DB_URL;
		const { db, schema } = await import('../../src/lib/server/db');
		const { eq } = await import('drizzle-orm');
		expect(await db().select().from(schema.accessibilityFeedback).where(eq(schema.accessibilityFeedback.name, marker))).toEqual([]);
		await expectAccessibleNoJs(page, browser);
		await ctx.close();
	});
});

test('with JavaScript the form sends in place and says so; axe finds nothing serious on the admin list', async ({ page }) => {
	test.slow(); // several axe runs
	const marker = `mit-js-${Date.now().toString(36)}`;
	await visit(page, '/barrierefreiheit');
	await page.getByLabel('Ihre Nachricht').fill(`Der Player lässt sich gut bedienen (${marker}).`);
	await page.getByRole('button', { name: 'Rückmeldung senden' }).click();
	await expect(page.getByRole('status')).toHaveText('Vielen Dank. Ihre Rückmeldung ist angekommen.');
	expect(await feedbackRows(marker)).toHaveLength(1);
	const admin = await createUserInDb('admin');
	await login(page, admin.email, admin.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, '/admin/feedback');
	await expect(page.getByRole('listitem').filter({ hasText: marker })).toBeVisible();
});
