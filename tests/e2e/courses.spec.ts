// A learner's whole way through a course, on its own server with the fixture content so it can be restarted.
import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { expectAccessible, register, visit } from './helpers';

const CONTENT = path.resolve('tests/fixtures/content');
const COURSE = '/courses/testkurs-beirat';
let server: RunningServer;

test.beforeAll(async () => {
	server = await startServer({ env: { CONTENT_DIR: CONTENT } });
});
test.afterAll(async () => {
	await server?.stop();
});

async function markDone(page: Page) {
	await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
	await expect(page.getByText('Diese Lektion ist erledigt.')).toBeVisible();
	await expectAccessible(page);
}

test('a learner enrols, fails and passes a quiz, completes the course, gets a verifiable certificate, and keeps it all after a restart', async ({ browser }) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await register(page, { name: 'Amina Beispiel' });

	await visit(page, '/courses?q=sitzu');
	await page.getByRole('link', { name: 'Testkurs Beiratsarbeit' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Testkurs Beiratsarbeit' })).toBeVisible();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Kurs beginnen' }).click();

	// lesson 1: read and mark done
	await expect(page.getByRole('heading', { level: 1, name: 'Was ist ein Beirat?' })).toBeVisible();
	await expect(page.getByText('Lektion 1 von 4')).toBeVisible();
	await expect(page.getByRole('note')).toContainText('Hinweis');
	await expectAccessible(page);
	await markDone(page);
	await page.getByRole('link', { name: /Nächste Lektion/ }).click();

	// lesson 2: the quiz; the page never carries the right answers or explanations before answering
	await expect(page.getByRole('heading', { level: 1, name: 'Rechte im Ausschuss' })).toBeVisible();
	const before = await (await page.request.get(`${COURSE}/rechte`)).text();
	expect(before).not.toMatch(/correct|keine Beschlussrechte/);
	expect(await page.getByRole('button', { name: 'Als erledigt markieren' }).count()).toBe(0);

	// tampered answers: 400 and nothing stored
	const revision = await page.locator('input[name=revision]').inputValue();
	const tampered = await page.request.post(`${COURSE}/rechte?/quiz`, { form: { revision, 'answer-qbogus': 'obogus' }, headers: { origin: server.url, accept: 'text/html' } });
	expect(tampered.status(), tampered.url() + ' ' + (await tampered.text()).slice(0, 300)).toBe(400);

	await page.getByRole('group', { name: /Was darf ein Beirat/ }).getByLabel('Den Haushalt allein beschließen').check();
	await page.getByRole('group', { name: /Welche Aussagen stimmen/ }).getByLabel('Der Beirat ersetzt den Gemeinderat').check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText('Ergebnis: 0 % richtig')).toBeVisible();
	await expect(page.getByText('Noch nicht bestanden')).toBeVisible();
	await expect(page.getByText('keine Beschlussrechte über den Haushalt')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Noch einmal versuchen' }).click();
	await page.getByRole('group', { name: /Was darf ein Beirat/ }).getByLabel('Anträge stellen').check();
	const multi = page.getByRole('group', { name: /Welche Aussagen stimmen/ });
	await multi.getByLabel('Mitglieder können im Ausschuss sprechen').check();
	await multi.getByLabel('Anträge gehen an den Gemeinderat').check();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await expect(page.getByText('Ergebnis: 100 % richtig')).toBeVisible();
	await expect(page.getByText('Bestanden! Die Lektion ist erledigt.')).toBeVisible();
	await expectAccessible(page);

	// lessons 3 and 4
	await visit(page, `${COURSE}/sitzung-leiten`);
	await markDone(page);
	await visit(page, `${COURSE}/protokoll`);
	await expect(page.getByRole('link', { name: /Bundeszuwanderungs/ })).toHaveAttribute('rel', /external/);
	await markDone(page);
	await expect(page.getByText('Glückwunsch! Sie haben den ganzen Kurs abgeschlossen.')).toBeVisible();

	// my learning: 100 %, the certificate as PDF
	await visit(page, '/me');
	const bar = page.getByRole('progressbar', { name: /Testkurs Beiratsarbeit/ });
	await expect(bar).toHaveAttribute('aria-valuenow', '100');
	await expect(page.getByText('4 von 4 Lektionen erledigt (100 %)')).toBeVisible();
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('link', { name: /PDF herunterladen/ }).click();
	const download = await downloadPromise;
	const pdf = fs.readFileSync((await download.path())!);
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const verifyHref = (await page.getByRole('link', { name: /Öffentliche Prüfseite/ }).getAttribute('href'))!;
	const code = verifyHref.split('/').pop()!;

	// the PDF is the owner's only
	const stranger = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const strangerPage = await stranger.newPage();
	expect((await strangerPage.request.get(`/me/certificates/${code}`, { maxRedirects: 0 })).status()).toBe(303);
	await register(strangerPage, { name: 'Zweite Person' });
	expect((await strangerPage.request.get(`/me/certificates/${code}`)).status()).toBe(404);
	// pages are cached per progress state, never per person: the stranger sees their own state and name only
	for (let i = 0; i < 2; i++) {
		await visit(strangerPage, `${COURSE}/sitzung-leiten`);
		await expect(strangerPage.getByRole('button', { name: 'Als erledigt markieren' })).toBeVisible();
		const html = await strangerPage.content();
		expect(html).toContain('Zweite Person');
		expect(html).not.toContain('Amina Beispiel');
	}
	await stranger.close();

	// progress survives a restart
	await server.stop();
	server = await startServer({ dir: server.dir, port: server.port, env: { CONTENT_DIR: CONTENT } });
	await visit(page, '/me');
	await expect(page.getByRole('progressbar', { name: /Testkurs Beiratsarbeit/ })).toHaveAttribute('aria-valuenow', '100');
	await visit(page, COURSE);
	await expect(page.getByText('Sie haben diesen Kurs abgeschlossen.')).toBeVisible();
	await context.close();

	// anyone can verify it
	const anon = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const anonPage = await anon.newPage();
	await visit(anonPage, `/verify/${code}`);
	await expect(anonPage.getByText('Diese Teilnahmebescheinigung ist gültig.')).toBeVisible();
	await expect(anonPage.getByText('Amina Beispiel')).toBeVisible();
	await expect(anonPage.getByText('Testkurs Beiratsarbeit')).toBeVisible();
	await visit(anonPage, `/verify/${'a'.repeat(32)}`);
	await expect(anonPage.getByText('Zu diesem Code gibt es keine Teilnahmebescheinigung.')).toBeVisible();
	await anon.close();
});

test('visitors see the offer, the catalogue filters and a lesson without logging in', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await visit(page, '/');
	await expect(page.getByRole('heading', { name: 'Was Mitsprache bietet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Testkurs Beiratsarbeit' })).toBeVisible();
	await visit(page, '/courses?level=advanced');
	await expect(page.getByText('Kein Kurs passt zu Ihrer Suche.')).toBeVisible();
	await page.getByLabel('Niveau').selectOption('beginner');
	await page.getByLabel('Kurssprache').selectOption('de');
	await page.getByRole('button', { name: 'Suchen' }).click();
	await expect(page.getByRole('link', { name: 'Testkurs Beiratsarbeit' })).toBeVisible();
	await expect(page.getByText('4 Lektionen')).toBeVisible();
	await expectAccessible(page);
	await visit(page, `${COURSE}/was-ist-ein-beirat`);
	await expect(page.getByText('Melden Sie sich an, damit Mitsprache Ihren Fortschritt speichert.')).toBeVisible();
	await context.close();
});
