// Lesson variants in the browser, on a server of their own with the variant fixture course (tests/fixtures/variants):
// an Arabic reader gets the Arabic version right-to-left and completes it; a lesson without Arabic says so and shows
// German marked as German; Leichte Sprache chosen on a lesson is remembered (account, cookie) until switched off.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { expectAccessible, login, register, uniqueEmail, visit } from './helpers';

const CONTENT = path.resolve('tests/fixtures/variants');
const COURSE = '/courses/varianten-kurs';
// the interface in Arabic: its words come from the message files, whatever the translators chose
const ar = JSON.parse(fs.readFileSync(path.resolve('messages/ar/courses.json'), 'utf8')) as Record<string, string>;
let server: RunningServer;

test.beforeAll(async () => {
	server = await startServer({ env: { CONTENT_DIR: CONTENT } });
});
test.afterAll(async () => {
	await server?.stop();
});

async function courseProgress(page: Page): Promise<string | null> {
	await visit(page, COURSE);
	return page.getByRole('progressbar').getAttribute('aria-valuenow');
}

test('an Arabic reader gets the Arabic version right-to-left, completes it, and the course progress moves', async ({ browser }) => {
	test.setTimeout(300_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await register(page, { name: 'Amal Beispiel' });
	// the interface language Arabic, as the language switch sets it (account and cookie)
	const set = await page.request.post('/language', { form: { locale: 'ar', redirectTo: '/' }, headers: { origin: server.url } });
	expect(set.ok()).toBe(true);

	await visit(page, `${COURSE}/rechte`);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	const title = page.getByRole('heading', { level: 1, name: 'الحقوق في اللجنة' });
	await expect(title).toHaveAttribute('lang', 'ar');
	await expect(title).toHaveAttribute('dir', 'rtl');
	const text = page.locator('.lesson-text');
	await expect(text).toHaveAttribute('lang', 'ar');
	await expect(text).toHaveAttribute('dir', 'rtl');
	await expect(text).toContainText('يحق للمجلس الاستشاري تقديم الطلبات');
	// the other versions, each named in itself and linked with its language
	const versions = page.getByRole('navigation', { name: /./ }).filter({ has: page.locator('a[hreflang]') });
	await expect(versions.getByRole('link', { name: 'Deutsch' })).toHaveAttribute('hreflang', 'de');
	await expect(versions.getByRole('link', { name: 'Leichte Sprache' })).toHaveAttribute('href', `${COURSE}/rechte?variant=de-x-ls`);
	expect(await page.locator('[lang="ar"][dir="rtl"] >> text=ماذا يحق للمجلس الاستشاري؟').count()).toBeGreaterThan(0);

	// the quiz in Arabic, graded by the lesson's answer key
	await page.getByRole('group', { name: /ماذا يحق للمجلس الاستشاري/ }).getByLabel('تقديم الطلبات').check();
	const multi = page.getByRole('group', { name: /أي العبارات صحيحة/ });
	await multi.getByLabel('يمكن للأعضاء التحدث في اللجنة').check();
	await multi.getByLabel('تذهب الطلبات إلى مجلس البلدية').check();
	await page.getByRole('button', { name: ar.course_quiz_submit }).click();
	await expect(page.getByText(ar.course_quiz_passed)).toBeVisible();
	// the explanation in the version answered
	await expect(page.getByText('للمجلس الاستشاري حق تقديم الطلبات')).toBeVisible();
	await expectAccessible(page);
	expect(await courseProgress(page)).toBe('33');

	// a lesson without an Arabic version: the notice in Arabic, the German text marked as German
	await visit(page, `${COURSE}/sitzung`);
	const notice = page.locator('.version-notice');
	await expect(notice).toContainText('العربية');
	await expect(notice).toContainText('الألمانية');
	await expect(page.getByRole('heading', { level: 1, name: 'Eine Sitzung vorbereiten' })).toHaveAttribute('lang', 'de');
	const german = page.locator('.lesson-text');
	await expect(german).toHaveAttribute('lang', 'de');
	await expect(german).toHaveAttribute('dir', 'ltr');
	await expect(german).toContainText('Lesen Sie die Tagesordnung');
	await page.getByRole('button', { name: ar.course_mark_complete }).click();
	await expect(page.getByText(ar.course_lesson_is_done)).toBeVisible();
	expect(await courseProgress(page)).toBe('66');
	await context.close();
});

test('Leichte Sprache chosen on a lesson is remembered for the next lessons until it is switched off in the account', async ({ browser }) => {
	test.setTimeout(300_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await register(page, { name: 'Lea Leicht' });
	await visit(page, `${COURSE}/beirat`);
	await expect(page.getByRole('heading', { level: 1, name: 'Was ist ein Integrationsbeirat?' })).toBeVisible();
	await expect(page.getByText('Diese Lektion gibt es auch in:')).toBeVisible();
	await page.getByRole('navigation', { name: 'Fassungen dieser Lektion' }).getByRole('link', { name: 'Leichte Sprache' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Was ist ein Bei·rat?' })).toHaveAttribute('lang', 'de-x-ls');
	await expect(page.locator('.lesson-text')).toContainText('Ein Bei·rat ist eine Gruppe von Menschen.');
	await expectAccessible(page);

	// another lesson, opened by its plain address: Leichte Sprache again
	await visit(page, `${COURSE}/rechte`);
	await expect(page.getByRole('heading', { level: 1, name: 'Rechte im Aus·schuss' })).toBeVisible();
	await page.getByRole('group', { name: /Was darf der Bei·rat/ }).getByLabel('Anträge stellen').check();
	const multi = page.getByRole('group', { name: /Was stimmt/ });
	await multi.getByLabel('Mit·glieder dürfen im Aus·schuss sprechen.').check();
	await multi.getByLabel('Anträge gehen an den Gemeinde·rat.').check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText('Bestanden! Die Lektion ist erledigt.')).toBeVisible();
	await expect(page.getByText('Über das Geld bestimmt der Gemeinde·rat.')).toBeVisible();
	// Arabic inside the German interface: its own lang and dir (axe checks the mixed page)
	await visit(page, `${COURSE}/rechte?variant=ar`);
	await expect(page.locator('.lesson-text')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	// a lesson without Leichte Sprache says so
	await visit(page, `${COURSE}/sitzung`);
	await expect(page.locator('.version-notice')).toHaveText('Diese Lektion gibt es noch nicht in Leichter Sprache. Sie lesen sie auf Deutsch.');

	// the account shows the choice and switches it off
	await visit(page, '/account');
	const box = page.getByLabel('Lektionen in Leichter Sprache zeigen, wenn es sie gibt');
	await expect(box).toBeChecked();
	await box.uncheck();
	await page.getByRole('button', { name: 'Einstellung speichern' }).click();
	await expect(page.getByText('Gespeichert: Sie sehen Lektionen in der üblichen Fassung.')).toBeVisible();
	await visit(page, `${COURSE}/rechte`);
	await expect(page.getByRole('heading', { level: 1, name: 'Rechte im Ausschuss' })).toBeVisible();
	await context.close();
});

test('without JavaScript: a visitor picks a version by link, the choice of Leichte Sprache sticks (cookie), a quiz keeps the chosen version', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE', javaScriptEnabled: false });
	const page = await context.newPage();
	// a German copy of "rechte" lands in the page cache first: Leichte Sprache must not be served from it
	await page.goto(`${COURSE}/rechte`);
	await expect(page.getByRole('heading', { level: 1, name: 'Rechte im Ausschuss' })).toBeVisible();
	await page.goto(`${COURSE}/beirat`);
	await page.getByRole('navigation', { name: 'Fassungen dieser Lektion' }).getByRole('link', { name: 'Leichte Sprache' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Was ist ein Bei·rat?' })).toBeVisible();
	await page.goto(`${COURSE}/rechte`);
	await expect(page.getByRole('heading', { level: 1, name: 'Rechte im Aus·schuss' })).toBeVisible();

	// Arabic chosen explicitly in a German interface: the page stays German, the lesson Arabic, next links keep it
	await page.getByRole('link', { name: 'العربية' }).click();
	await expect(page).toHaveURL(/variant=ar/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.locator('.lesson-text')).toHaveAttribute('dir', 'rtl');
	await expect(page.getByRole('link', { name: /Vorherige Lektion/ })).toHaveAttribute('href', `${COURSE}/beirat?variant=ar`);
	await expect(page.getByRole('link', { name: /Vorherige Lektion/ })).toContainText('ما هو المجلس الاستشاري للاندماج؟');
	await context.close();

	// logged in, still without JavaScript: the quiz answered in Arabic comes back in Arabic
	const js = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const setup = await js.newPage();
	const who = await register(setup, { name: 'Nadia Ohne Skript' });
	const cookies = await js.cookies();
	await js.close();
	const nojs = await browser.newContext({ baseURL: server.url, locale: 'de-DE', javaScriptEnabled: false });
	await nojs.addCookies(cookies);
	const p = await nojs.newPage();
	await p.goto(`${COURSE}/rechte?variant=ar`);
	await p.getByRole('group', { name: /ماذا يحق للمجلس الاستشاري/ }).getByLabel('إقرار الميزانية وحده').check();
	await p.getByRole('group', { name: /أي العبارات صحيحة/ }).getByLabel('يمكن للأعضاء التحدث في اللجنة').check();
	await p.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(p.getByText('Noch nicht bestanden')).toBeVisible();
	await expect(p.getByRole('heading', { level: 1, name: 'الحقوق في اللجنة' })).toBeVisible();
	// a graded quiz explains nothing after a failed attempt (the quiz policy); its questions stay in Arabic
	await expect(p.getByRole('group', { name: /ماذا يحق للمجلس الاستشاري/ })).toBeVisible();
	await expect(p.getByText('للمجلس الاستشاري حق تقديم الطلبات')).toHaveCount(0);
	expect(who.email).toContain('@');
	await nojs.close();
});

test('a trainer adds a Leichte Sprache version beside the original, sees the checker\'s notes, publishes it; the matrix shows it', async ({ browser }) => {
	test.setTimeout(300_000);
	// an admin in this server's database (imported courses have no owner; admins edit every course)
	const email = uniqueEmail('variants-admin');
	const password = 'ein langes Passwort';
	execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/user-create.ts', '--email', email, '--password', password, '--role', 'admin', '--name', 'Tilda Trainerin'], {
		env: { ...process.env, DATABASE_URL: server.env.DATABASE_URL, LOG_LEVEL: 'silent' }
	});
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await login(page, email, password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));

	await visit(page, '/studio/courses/varianten-kurs');
	const matrix = page.getByRole('table', { name: /Welche Lektion es in welcher Fassung gibt/ });
	await expect(matrix.getByRole('columnheader', { name: 'العربية' })).toHaveAttribute('dir', 'rtl');
	const cell = matrix.locator('a[href$="/lessons/sitzung/variants/de-x-ls"]');
	await expect(cell).toContainText('fehlt');
	await expect(matrix.locator('a[href$="/lessons/rechte/variants/ar"]')).toContainText('veröffentlicht');
	await cell.click();

	// the editor starts from the original's text, which also stays beside it for comparison
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Leichte Sprache');
	await expect(page.getByText('Diese Fassung gibt es noch nicht.')).toBeVisible();
	const body = page.getByRole('textbox', { name: 'Text der Lektion (Markdown)' });
	await expect(page.locator('.cm-content')).toBeVisible();
	await expect(page.locator('.cm-content')).toContainText('Lesen Sie die Tagesordnung');
	await expectAccessible(page);

	await page.getByLabel('Titel der Lektion').fill('Eine Sitzung vor·bereiten');
	await body.fill('Lesen Sie die Tages·ordnung.\n\nDie Unterlagen des Ausschusses werden von der Verwaltung zwei Wochen vorher verschickt.\n');
	const notes = page.getByRole('region', { name: 'Hinweise für Leichte Sprache' });
	await expect(notes).toContainText('Zeile 3: Genitiv „des Ausschusses“');
	await expect(notes).toContainText('Zeile 3: Passiv');
	await expect(notes).toContainText('Zeile 3: Zahl als Wort „zwei“');
	await body.fill('Lesen Sie die Tages·ordnung.\n\nDie Stadt schickt Ihnen die Unter·lagen 2 Wochen vorher.\n');
	await expect(notes).toContainText('Keine Hinweise');
	await page.getByRole('button', { name: 'Veröffentlichen' }).click();
	await expect(page.getByText('Veröffentlicht. Lernende sehen ab sofort diese Fassung.')).toBeVisible();
	await expectAccessible(page);

	await visit(page, '/studio/courses/varianten-kurs');
	await expect(page.locator('a[href$="/lessons/sitzung/variants/de-x-ls"]')).toContainText('veröffentlicht');
	await visit(page, `${COURSE}/sitzung?variant=de-x-ls`);
	await expect(page.getByRole('heading', { level: 1, name: 'Eine Sitzung vor·bereiten' })).toHaveAttribute('lang', 'de-x-ls');
	await expect(page.locator('.lesson-text')).toContainText('Die Stadt schickt Ihnen die Unter·lagen 2 Wochen vorher.');
	await context.close();
});
