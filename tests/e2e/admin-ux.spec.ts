// What admins noticed (issue 13): the audit log in words with links and a filter that works without JavaScript, a
// role change that asks first, many council members at once, and invitations by mail that end in a membership.
import { test, expect, type Browser } from '@playwright/test';
import { createUserInDb, expectAccessible, uniqueEmail, visit } from './helpers';

test.use({ locale: 'de-DE' });
test.describe.configure({ timeout: 180_000 });

async function server() {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, write, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	return { db, write, schema, eq };
}

/** A logged-in admin page; `javaScriptEnabled: false` for the checks that must work without it. */
async function adminPage(browser: Browser, name: string, js = true) {
	const admin = await createUserInDb('admin', { name });
	const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: js });
	const page = await context.newPage();
	// axe needs JavaScript in the page: without it, pages are opened with goto and checked in the other tests
	await page.goto('/login');
	await page.getByLabel('E-Mail-Adresse').fill(admin.email);
	await page.getByLabel('Passwort', { exact: true }).fill(admin.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	const open = (path: string) => (js ? visit(page, path) : page.goto(path));
	return { admin, page, context, open };
}

async function newCouncil(adminId: string, name: string) {
	await server();
	const { createCouncil } = await import('../../src/lib/server/admin/councils');
	const c = await createCouncil(adminId, { name, city: 'Teststadt' });
	if (!c.ok) throw new Error('council');
	return c.id;
}

test('the audit log tells who did what in words, links what exists, and filters by action without JavaScript', async ({ browser }) => {
	const tag = Date.now().toString(36);
	const { admin, page, context, open } = await adminPage(browser, `Amina Yılmaz ${tag}`, false);
	const { audit } = await import('../../src/lib/server/audit');
	const { createEpisode, metaSchema } = await import('../../src/lib/server/studio-episodes/episodes');
	const ep = await createEpisode(admin.id, metaSchema.parse({ title: `Wahlen im Beirat ${tag}`, slug: `wahlen-${tag}`, date: '2026-01-01', season: '1', number: '3', type: 'full' }));
	if (!ep.ok) throw new Error('episode');
	await audit(admin.id, 'studio.episode.publish', ep.id, { at: new Date('2026-02-01T10:00:00Z').toISOString() });

	await open('/admin/audit');
	const row = page.getByRole('row').filter({ hasText: `Amina Yılmaz ${tag} hat die Folge „Wahlen im Beirat ${tag}“ veröffentlicht.` });
	await expect(row).toHaveCount(1);
	await expect(row.getByRole('link', { name: `Amina Yılmaz ${tag}` })).toHaveAttribute('href', `/admin/users/${admin.id}`);
	await expect(row.getByRole('link', { name: `„Wahlen im Beirat ${tag}“` })).toHaveAttribute('href', `/studio/episodes/wahlen-${tag}`);
	// the details as readable fields: the kind in words, the date written out
	await expect(row.locator('dl')).toContainText('Folge veröffentlicht');
	await expect(row.locator('dl')).toContainText('Veröffentlicht ab');
	await expect(row.locator('dl')).toContainText('01.02.2026');
	const table = page.getByRole('table');
	await expect(table).not.toContainText('studio.episode.publish');
	await expect(table).not.toContainText('{');
	await expect(table).not.toContainText(ep.id);

	// the filter: a select in a GET form, without JavaScript
	await page.getByLabel('Welche Einträge').selectOption({ label: 'Folge veröffentlicht' });
	await page.getByRole('button', { name: 'Filtern' }).click();
	await expect(page).toHaveURL(/action=studio\.episode\.publish/);
	await expect(page.getByLabel('Welche Einträge')).toHaveValue('studio.episode.publish');
	await expect(row).toHaveCount(1);
	const kinds = await page.locator('tbody tr dl dd:first-of-type').allTextContents();
	expect(kinds.length).toBeGreaterThan(0);
	expect(new Set(kinds)).toEqual(new Set(['Folge veröffentlicht']));
	await expect(page.getByRole('row').filter({ hasText: 'Rolle' })).toHaveCount(0);

	// at 1280 px the sentence and the details fit without scrolling sideways
	await context.close();

	// with JavaScript (for axe and for measuring): accessible, and at 1280 px nothing scrolls sideways
	const withJs = await adminPage(browser, `Ada Lesend ${tag}`);
	await withJs.page.setViewportSize({ width: 1280, height: 800 });
	await withJs.open('/admin/audit?action=studio.episode.publish');
	await expect(withJs.page.getByRole('link', { name: `„Wahlen im Beirat ${tag}“` })).toBeVisible();
	const wrap = withJs.page.locator('.admin-table-wrap');
	expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
	// on a phone each entry is a card: the page and the list fit 390 px, the sentence reads whole, the table stays a table
	await withJs.page.setViewportSize({ width: 390, height: 844 });
	expect(await withJs.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	expect(await wrap.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
	await expect(withJs.page.getByRole('table', { name: 'Protokolleinträge, neueste zuerst' }).getByRole('row').filter({ hasText: `„Wahlen im Beirat ${tag}“` })).toHaveCount(1);
	await withJs.context.close();
});

test('a role change asks first; the first POST alone changes nothing', async ({ browser }) => {
	const tag = Date.now().toString(36);
	const { page, context, open } = await adminPage(browser, `Ada Rollen ${tag}`, false);
	const person = await createUserInDb('learner', { name: `Lea Lernend ${tag}` });
	const { db, schema, eq } = await server();
	const role = async () => (await db().select({ role: schema.users.role }).from(schema.users).where(eq(schema.users.id, person.id)))[0].role;

	await open(`/admin/users/${person.id}`);
	await page.getByLabel('Rolle dieses Kontos').selectOption({ label: 'Trainer:in' });
	await page.getByRole('button', { name: 'Rolle ändern' }).click();
	await expect(page.getByText(`Rolle von Lea Lernend ${tag} von Lernende:r zu Trainer:in ändern?`)).toBeVisible();
	expect(await role()).toBe('learner');
	// cancelling leaves it as it was
	await page.getByRole('link', { name: 'Abbrechen' }).click();
	await expect(page.getByText('ändern?')).toHaveCount(0);
	expect(await role()).toBe('learner');

	await page.getByLabel('Rolle dieses Kontos').selectOption({ label: 'Trainer:in' });
	await page.getByRole('button', { name: 'Rolle ändern' }).click();
	await page.getByRole('button', { name: 'Ja, Rolle ändern' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Die Rolle wurde geändert.' })).toBeVisible();
	expect(await role()).toBe('trainer');
	await context.close();
});

test('many people are added to a council at once, with a summary of every line', async ({ browser }) => {
	const tag = Date.now().toString(36);
	const { admin, page, context } = await adminPage(browser, `Ada Sammel ${tag}`);
	const councilId = await newCouncil(admin.id, `Beirat Sammel ${tag}`);
	const [a, b, already, fromCsv] = await Promise.all([
		createUserInDb('learner', { name: `Aylin ${tag}` }),
		createUserInDb('learner', { name: `Boris ${tag}` }),
		createUserInDb('learner', { name: `Chiara ${tag}` }),
		createUserInDb('learner', { name: `Dawit ${tag}` })
	]);
	const { addMember } = await import('../../src/lib/server/admin/councils');
	expect((await addMember(admin.id, councilId, already.email, 'member')).ok).toBe(true);
	const unknown = uniqueEmail('unbekannt');

	await visit(page, `/admin/councils/${councilId}`);
	await page.getByLabel('E-Mail-Adressen').fill(`${a.email}\n${b.email.toUpperCase()}; ${already.email}, ${unknown}\nkeine adresse`);
	await page.getByLabel('Oder eine CSV-Datei').setInputFiles({ name: 'mitglieder.csv', mimeType: 'text/csv', buffer: Buffer.from(`Name;E-Mail\n"Dawit ${tag}";${fromCsv.email}\n`) });
	await page.getByRole('button', { name: 'Alle hinzufügen' }).click();
	const summary = page.getByRole('status').filter({ hasText: 'Ergebnis der Sammelzuordnung' });
	await expect(summary).toContainText('3 Personen zugeordnet');
	await expect(summary).toContainText('1 Person war schon im Beirat');
	await expect(summary).toContainText('1 Adresse ohne Konto');
	await expect(summary).toContainText('1 Zeile ist keine E-Mail-Adresse');
	await expect(page.getByText('keine adresse', { exact: true })).toBeVisible();
	for (const p of [a, b, fromCsv, already]) await expect(page.getByRole('row', { name: new RegExp(p.email.split('@')[0]) })).toHaveCount(1);
	await expectAccessible(page);
	// the address without an account can be invited from the summary
	await page.getByRole('button', { name: `${unknown} als Mitglied einladen` }).click();
	await expect(page.getByRole('status').filter({ hasText: `Die Einladung an ${unknown} ist verschickt.` })).toBeVisible();
	await context.close();
});

test('an invitation mail leads to a registration that joins the council; used, revoked and expired links are refused', async ({ browser }) => {
	const tag = Date.now().toString(36);
	const { admin, page, context } = await adminPage(browser, `Ada Einladung ${tag}`);
	const councilName = `Beirat Einladung ${tag}`;
	const councilId = await newCouncil(admin.id, councilName);
	const { db, write, schema, eq } = await server();
	const linkTo = async (email: string) => {
		const mails = await db().select().from(schema.outbox).where(eq(schema.outbox.to, email));
		expect(mails).toHaveLength(1);
		return { mail: mails[0], path: new URL(mails[0].body.match(/https?:\/\/\S+\/invite\/[a-z0-9]+/)![0]).pathname };
	};
	const invite = async (email: string, language = 'Deutsch') => {
		await page.getByLabel('E-Mail-Adresse der eingeladenen Person').fill(email);
		await page.getByLabel('Rolle der eingeladenen Person').selectOption('member');
		await page.getByLabel('Sprache der Einladung').selectOption({ label: language });
		await page.getByRole('button', { name: 'Einladung senden' }).click();
		await expect(page.getByRole('status').filter({ hasText: `Die Einladung an ${email} ist verschickt.` })).toBeVisible();
	};

	await visit(page, `/admin/councils/${councilId}`);
	const invitationRow = (email: string) => page.getByRole('table', { name: /Einladungen in diesen Beirat/ }).getByRole('row', { name: new RegExp(email) });
	const guest = uniqueEmail('gast');
	await invite(guest, 'English');
	const { mail, path } = await linkTo(guest);
	expect(mail.subject).toBe(`Mitsprache: invitation to the council ${councilName}`);
	await expect(invitationRow(guest)).toContainText('offen bis');

	// the invited person, not logged in
	const other = await browser.newContext({ locale: 'de-DE' });
	const guestPage = await other.newPage();
	await visit(guestPage, path);
	await expect(guestPage.getByText(`Sie sind eingeladen, im Beirat „${councilName}“ als Mitglied mitzumachen.`)).toBeVisible();
	await expect(guestPage.getByLabel('E-Mail-Adresse')).toHaveValue(guest);
	await expect(guestPage.locator('#locale')).toHaveValue('en');
	await guestPage.getByLabel('Anzeigename').fill(`Gast Person ${tag}`);
	await guestPage.getByLabel('Passwort', { exact: true }).fill('ein langes Passwort');
	await guestPage.getByLabel(/Datenschutzhinweis/).check();
	await guestPage.getByRole('button', { name: 'Konto anlegen und beitreten' }).click();
	await guestPage.waitForURL((u) => u.pathname === '/me');
	const { councilMembers } = await import('../../src/lib/server/admin/councils');
	expect((await councilMembers(councilId)).map((m) => [m.email, m.displayName, m.role])).toEqual([[guest, `Gast Person ${tag}`, 'member']]);
	await other.close();

	// used: a second visit is refused in words
	const anon = await browser.newContext({ locale: 'de-DE' });
	const anonPage = await anon.newPage();
	await visit(anonPage, path);
	await expect(anonPage.getByRole('alert')).toContainText('Diese Einladung wurde schon benutzt.');
	await expect(anonPage.getByRole('button', { name: 'Konto anlegen und beitreten' })).toHaveCount(0);

	// revoked
	await page.reload();
	await expect(invitationRow(guest)).toContainText('angenommen am');
	const revoked = uniqueEmail('widerruf');
	await invite(revoked);
	await page.getByRole('button', { name: `Einladung an ${revoked} zurückziehen` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Die Einladung ist zurückgezogen' })).toBeVisible();
	await expect(invitationRow(revoked)).toContainText('zurückgezogen am');
	await visit(anonPage, (await linkTo(revoked)).path);
	await expect(anonPage.getByRole('alert')).toContainText('Diese Einladung wurde zurückgezogen.');

	// expired
	const late = uniqueEmail('spaet');
	await invite(late);
	const latePath = (await linkTo(late)).path;
	await write((tx) => tx.update(schema.invitations).set({ expiresAt: Date.now() - 1000 }).where(eq(schema.invitations.email, late)));
	await visit(anonPage, latePath);
	await expect(anonPage.getByRole('alert')).toContainText('Diese Einladung ist abgelaufen.');
	// a POST with the expired token creates nothing
	const res = await anonPage.request.post(latePath, { form: { displayName: 'Zu spät', password: 'ein langes Passwort', locale: 'de', consent: 'on' }, headers: { origin: process.env.E2E_BASE_URL! } });
	expect(await res.text()).toContain('abgelaufen');
	expect(await db().select().from(schema.users).where(eq(schema.users.emailKey, late.toLowerCase()))).toEqual([]);
	await anon.close();
	await context.close();
});
