// Language as a reader meets it: counts take the singular for one and the plural for more ("1 Kurs gefunden",
// "2 Folgen", "Найден 1 курс"), the facts of an episode keep their spaces around "·", and headings hyphenate in the
// page's language. On its own server with the small fixture content, so the counts are known.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { startServer, type RunningServer } from '../server';
import { visit } from './helpers';

const CONTENT = path.resolve('tests/fixtures/content');
let server: RunningServer;

test.beforeAll(async () => {
	server = await startServer({ env: { CONTENT_DIR: CONTENT } });
});
test.afterAll(async () => {
	await server?.stop();
});

test('the catalogue, the podcast search and the transcript search count in the singular and the plural', async ({ browser }) => {
	test.setTimeout(180_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();

	// the fixture content has one course
	await visit(page, '/courses');
	await expect(page.getByRole('status')).toHaveText('1 Kurs gefunden');
	await expect(page.getByRole('listitem').filter({ hasText: 'Testkurs Beiratsarbeit' })).toContainText('4 Lektionen');
	await visit(page, '/courses?q=gibt-es-nicht');
	await expect(page.getByRole('status')).toContainText('0 Kurse gefunden');

	// two episodes, one of them a bonus episode
	// (the subscribe box has a status line of its own)
	const searchStatus = page.getByRole('status').filter({ hasText: /bonus|folge/ });
	await visit(page, '/podcast?q=bonus');
	await expect(searchStatus).toHaveText('1 Folge gefunden für „bonus“.');
	await visit(page, '/podcast?q=folge');
	await expect(searchStatus).toHaveText('2 Folgen gefunden für „folge“.');

	// the transcript search (in the browser)
	await visit(page, '/podcast/erste-folge');
	const transcript = page.getByRole('region', { name: 'Transkript' });
	await transcript.getByLabel('Transkript durchsuchen').fill('Antrag');
	await expect(transcript.getByRole('status')).toHaveText('1 Stelle gefunden');
	await transcript.getByLabel('Transkript durchsuchen').fill(' und ');
	await expect(transcript.getByRole('status')).toHaveText('2 Stellen gefunden');

	// Russian: one (1, 21), few (2–4), many (0, 5–20)
	await context.addCookies([{ name: 'lang', value: 'ru', url: server.url }]);
	await visit(page, '/courses');
	await expect(page.getByRole('status')).toHaveText('Найден 1 курс');
	await expect(page.getByRole('listitem').filter({ hasText: 'Testkurs Beiratsarbeit' })).toContainText('4 урока');
	await visit(page, '/podcast?q=folge');
	await expect(searchStatus).toHaveText('По запросу «folge» найдено 2 выпуска.');
	await context.close();
});

test('the facts of an episode keep their spaces around the separators', async ({ browser }) => {
	test.setTimeout(120_000);
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	const bonus = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Zweite Folge' }) }).locator('p.hint');
	// the duration appears once the server has packaged the audio (ffmpeg, in the background after the start)
	await expect(async () => {
		await page.goto('/podcast');
		await expect(bonus).toContainText('Min.', { timeout: 1000 });
	}).toPass({ timeout: 60_000 });
	// type · number · date · duration · demo: each separator with a space on both sides
	const facts = (await bonus.innerText()).replace(/\s+/g, ' ').trim();
	expect(facts).toMatch(/^Bonus · Folge 2 · \S.* · \d+ Min\. · Demo-Inhalt$/);
	for (const hint of await page.locator('.episodes .hint').allInnerTexts()) expect(hint).not.toMatch(/\S·|·\S/);
	await context.close();
});

test('headings and table headers hyphenate by the page language rather than break between any two letters', async ({ browser }) => {
	const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE' });
	const page = await context.newPage();
	await visit(page, '/courses');
	expect(await page.locator('html').getAttribute('lang')).toBe('de');
	const style = await page.getByRole('heading', { level: 1 }).evaluate((h) => {
		const s = getComputedStyle(h);
		const th = document.createElement('th');
		document.body.append(th);
		const t = getComputedStyle(th);
		return { hyphens: s.hyphens, wrap: s.overflowWrap, thHyphens: t.hyphens, thWrap: t.overflowWrap };
	});
	expect(style).toEqual({ hyphens: 'auto', wrap: 'break-word', thHyphens: 'auto', thWrap: 'break-word' });
	await context.close();
});
