// What learners noticed using Mitsprache (issue 13), asserted the way they notice it: on a phone the quiz result is
// where they are taken after submitting (with and without JavaScript), the answer boxes are one size and large enough
// to tap, /me knows a finished course and its certificate, the header is compact with a menu that opens without
// JavaScript and by keyboard, newcomers are offered registration first, courses have covers with alt text, and a
// long lesson has a table of contents beside it. Runs on the shared server with the demo content of content/.
import { expect, test, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { expectAccessible, uniqueEmail } from './helpers';

const PHONE = { width: 390, height: 844 };
const COURSE = '/courses/vernetzung-und-oeffentlichkeitsarbeit';
const COURSE_TITLE = 'Vernetzung und Öffentlichkeitsarbeit für Beiräte';
const LESSONS = ['pressearbeit', 'soziale-medien', 'mehrsprachig-kommunizieren', 'feste-und-begegnung', 'integrationskonferenz', 'buendnisse-mit-migrantenorganisationen'];
const QUIZ_LESSON = `${COURSE}/netzwerkkarte-und-jahresplan`;
const QUIZ_FILE = path.resolve('content/courses/vernetzung-und-oeffentlichkeitsarbeit/03-buendnisse/02-netzwerkkarte-und-jahresplan.md');

/** The quiz's questions and their right options, read from the lesson file the server imported. */
function quizKey(): { question: string; right: string[]; wrong: string[] }[] {
	const quiz = fs.readFileSync(QUIZ_FILE, 'utf8').split(/^## Quiz.*$/m)[1];
	return quiz
		.split(/^### /m)
		.slice(1)
		.map((block) => {
			const [question, ...rest] = block.split('\n');
			const opts = rest.map((l) => /^- \[([ x])\] (.+)$/.exec(l)).filter((m): m is RegExpExecArray => Boolean(m));
			return { question: question.trim(), right: opts.filter((o) => o[1] === 'x').map((o) => o[2]), wrong: opts.filter((o) => o[1] === ' ').map((o) => o[2]) };
		});
}

async function registerSession(baseURL: string, name: string, locale = 'de'): Promise<string> {
	const res = await fetch(baseURL + '/register', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseURL, accept: 'text/html' },
		body: new URLSearchParams({ email: uniqueEmail('ux'), password: 'ein langes Passwort', displayName: name, locale, consent: 'on' })
	});
	const session = res.headers.getSetCookie().find((c) => c.startsWith('session=') && !c.startsWith('session=;'));
	if (res.status !== 303 || !session) throw new Error(`registration failed: HTTP ${res.status}`);
	return session.split(';')[0].slice('session='.length);
}

async function learnerPage(browser: Browser, baseURL: string, opts: { javaScriptEnabled?: boolean; viewport?: { width: number; height: number }; locale?: string } = {}) {
	const ctx = await browser.newContext({ baseURL, locale: 'de-DE', viewport: opts.viewport ?? PHONE, javaScriptEnabled: opts.javaScriptEnabled ?? true });
	// the account's language is the page's language
	const session = await registerSession(baseURL, 'Leyla Beispiel', opts.locale);
	await ctx.addCookies([{ name: 'session', value: session, url: baseURL }]);
	return { ctx, page: await ctx.newPage() };
}

/** Whether the element's top edge is on screen (and it starts within the viewport's height). */
async function inViewport(page: Page, selector: string) {
	return page.locator(selector).evaluate((el) => {
		const r = el.getBoundingClientRect();
		return r.top >= -1 && r.top < window.innerHeight && r.bottom > 0;
	});
}

test('on a phone the quiz result takes the focus and is in view, says per question what was right and why; /me then shows the finished course with its certificate', async ({ browser, baseURL }) => {
	test.setTimeout(300_000);
	const { ctx, page } = await learnerPage(browser, baseURL!);
	// the lessons before the quiz, done as the "mark complete" button does
	for (const slug of LESSONS) {
		await page.goto(`${COURSE}/${slug}`);
		await page.getByRole('button', { name: 'Als erledigt markieren' }).click();
		await expect(page.getByText('Diese Lektion ist erledigt.')).toBeVisible();
	}
	await page.goto(QUIZ_LESSON);

	// every answer box is the same size, whether its label wraps or not, and at least 24 px (WCAG 2.5.8)
	const boxes = await page.locator('#quiz input[type=radio], #quiz input[type=checkbox]').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [Math.round(r.width), Math.round(r.height)]));
	expect(boxes.length).toBeGreaterThan(10);
	expect(new Set(boxes.map((b) => b.join('×'))).size, JSON.stringify(boxes)).toBe(1);
	expect(boxes[0][0]).toBeGreaterThanOrEqual(24);
	expect(boxes[0][1]).toBeGreaterThanOrEqual(24);
	// and the whole row (box and label) is the target: at least 44 px high
	const rows = await page.locator('#quiz label.option').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
	expect(Math.min(...rows)).toBeGreaterThanOrEqual(44);

	const key = quizKey();
	for (const q of key) {
		const group = page.getByRole('group', { name: q.question.slice(0, 40) });
		for (const right of q.right) await group.getByText(right, { exact: true }).click();
	}
	const submit = page.getByRole('button', { name: 'Antworten prüfen' });
	await submit.scrollIntoViewIfNeeded();
	const before = await page.evaluate(() => window.scrollY);
	await submit.click();

	const result = page.locator('#quiz-result');
	await expect(result).toBeFocused();
	await expect(result.getByRole('status')).toContainText('Ergebnis: 100 % richtig');
	expect(await inViewport(page, '#quiz-result'), 'the result is on screen').toBe(true);
	// the learner was far below (at the button): the page moved up to the result, not the other way round
	expect(await page.evaluate(() => window.scrollY)).toBeLessThan(before);
	// per question: right or wrong, a link to it, and at the question the right answer marked and the explanation
	await expect(result.getByRole('listitem')).toHaveCount(key.length);
	await expect(result.getByRole('link', { name: 'Frage 2' })).toHaveAttribute('href', /^#question-q/);
	const second = page.getByRole('group', { name: key[1].question.slice(0, 40) });
	await expect(second.locator('label', { hasText: key[1].right[0] })).toContainText('richtige Antwort');
	await expect(second).toContainText('Erklärung');
	await expectAccessible(page);

	// /me: the finished course is a section of its own with its certificate; nobody is told they never began
	await page.goto('/me');
	await expect(page.getByText('Sie haben noch keinen Kurs begonnen')).toHaveCount(0);
	await expect(page.getByText('Gerade haben Sie keinen Kurs offen.')).toBeVisible();
	const finished = page.getByRole('region', { name: 'Abgeschlossene Kurse' });
	await expect(finished.getByRole('heading', { name: COURSE_TITLE })).toBeVisible();
	const cert = finished.getByRole('link', { name: 'Teilnahmebescheinigung als PDF' });
	await expect(cert).toHaveAttribute('href', /^\/me\/certificates\/[A-Za-z0-9]+$/);
	const pdf = await page.request.get((await cert.getAttribute('href'))!);
	expect(pdf.headers()['content-type']).toContain('application/pdf');
	await expectAccessible(page);
	await ctx.close();
});

test('without JavaScript the quiz result is reached by its fragment and rendered by the server', async ({ browser, baseURL }) => {
	const { ctx, page } = await learnerPage(browser, baseURL!, { javaScriptEnabled: false });
	await page.goto(QUIZ_LESSON);
	for (const q of quizKey()) await page.getByRole('group', { name: q.question.slice(0, 40) }).getByText(q.wrong[0], { exact: true }).click();
	await page.getByRole('button', { name: 'Antworten prüfen' }).click();
	await page.waitForURL(/#quiz-result$/);
	await expect(page.locator('#quiz-result')).toContainText('Ergebnis: 0 % richtig');
	expect(await inViewport(page, '#quiz-result'), 'the browser scrolled to the result').toBe(true);
	// a graded quiz: right and wrong only after a pass or the last attempt
	await expect(page.locator('#quiz-result')).toContainText('nach dem Bestehen oder nach Ihrem letzten Versuch');
	await expect(page.getByText('richtige Antwort')).toHaveCount(0);
	await ctx.close();
});

test('the phone header is one compact row; its menu opens by keyboard, closes with Escape, and works in Arabic', async ({ browser, baseURL }) => {
	test.setTimeout(120_000);
	const { ctx, page } = await learnerPage(browser, baseURL!);
	await page.goto('/courses');
	const header = page.locator('header.site-header');
	const height = (await header.boundingBox())!.height;
	expect(height, `header ${height} px`).toBeLessThanOrEqual(80);
	// the language switch is in the row, the links are behind the menu
	await expect(page.getByLabel('Sprache', { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Abmelden' })).toBeHidden();

	// keyboard: skip link, brand, language, menu
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	await page.keyboard.press('Tab');
	const menu = page.locator('summary', { hasText: 'Menü' });
	await expect(menu).toBeFocused();
	await page.keyboard.press('Enter');
	const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await expect(nav.getByRole('link', { name: 'Mein Lernen' })).toBeVisible();
	await expect(nav.getByRole('button', { name: 'Abmelden' })).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(nav.getByRole('link', { name: 'Kurse' })).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(nav).toBeHidden();
	await expect(menu).toBeFocused();
	// the open menu does not grow the header: it lies over the page
	await page.keyboard.press('Enter');
	expect((await header.boundingBox())!.height).toBe(height);
	await expectAccessible(page);
	await nav.getByRole('link', { name: 'Mein Lernen' }).click();
	await page.waitForURL('**/me');
	await expect(nav).toBeHidden(); // closed after moving on

	// 200 % zoom on a laptop (1280×800 → 640×400 CSS px): still one row
	await page.setViewportSize({ width: 640, height: 400 });
	expect((await header.boundingBox())!.height).toBeLessThanOrEqual(80);

	await ctx.close();

	// Arabic, right to left: the menu opens at the inline end (the left) and stays on screen
	const ar = await learnerPage(browser, baseURL!, { locale: 'ar' });
	await ar.page.goto('/courses');
	await expect(ar.page.locator('html')).toHaveAttribute('dir', 'rtl');
	expect((await ar.page.locator('header.site-header').boundingBox())!.height).toBeLessThanOrEqual(80);
	await ar.page.locator('summary', { hasText: 'القائمة' }).click();
	const panel = (await ar.page.locator('.menu-panel').boundingBox())!;
	expect(panel.x).toBeGreaterThanOrEqual(0);
	expect(panel.x + panel.width).toBeLessThanOrEqual(PHONE.width);
	expect(panel.x).toBeLessThan(PHONE.width / 2); // at the left, where the line ends
	await expectAccessible(ar.page);
	await ar.ctx.close();
});

test('the menu opens without JavaScript; in every language the header stays compact', async ({ browser, baseURL }) => {
	test.setTimeout(180_000);
	const { ctx, page } = await learnerPage(browser, baseURL!, { javaScriptEnabled: false });
	await page.goto('/courses');
	await page.locator('summary', { hasText: 'Menü' }).click();
	const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
	await nav.getByRole('link', { name: 'Konto' }).click();
	await page.waitForURL('**/account');
	await ctx.close();
	// every language (its words have other lengths, ar and fa run right to left): with JavaScript one row; without,
	// the language switch's own button takes a second row. (On a phone the row holds the same for visitors and
	// learners: brand, language, menu.)
	for (const javaScriptEnabled of [true, false]) {
		const v = await browser.newContext({ baseURL, viewport: PHONE, javaScriptEnabled });
		const page = await v.newPage();
		for (const locale of ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']) {
			await v.addCookies([{ name: 'lang', value: locale, url: baseURL! }]);
			await page.goto('/courses');
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const h = (await page.locator('header.site-header').boundingBox())!.height;
			expect(h, `${locale}, JavaScript ${javaScriptEnabled}: header ${h} px`).toBeLessThanOrEqual(javaScriptEnabled ? 80 : 120);
			// nothing sticks out sideways
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
		}
		await v.close();
	}
});

test('a visitor is offered registration first, then login; both come back to the course', async ({ page }) => {
	await page.goto(COURSE);
	const actions = page.locator('.course-action a');
	await expect(actions).toHaveText(['Registrieren und Kurs beginnen', 'Anmelden und Kurs beginnen']);
	await expect(actions.nth(0)).toHaveAttribute('href', `/register?redirectTo=${encodeURIComponent(COURSE)}`);
	await expect(actions.nth(1)).toHaveAttribute('href', `/login?redirectTo=${encodeURIComponent(COURSE)}`);
	await actions.nth(0).click();
	// someone who has an account after all keeps the way back
	await expect(page.getByRole('link', { name: 'Schon ein Konto? Anmelden' })).toHaveAttribute('href', `/login?redirectTo=${encodeURIComponent(COURSE)}`);
	await page.getByLabel('E-Mail-Adresse').fill(uniqueEmail('cta'));
	await page.getByLabel('Anzeigename').fill('Neu Hier');
	await page.getByLabel('Passwort', { exact: true }).fill('ein langes Passwort');
	await page.getByLabel(/Datenschutzhinweis/).check();
	await page.getByRole('button', { name: 'Konto anlegen' }).click();
	await page.waitForURL(`**${COURSE}`);
	await expect(page.getByRole('button', { name: 'Kurs beginnen' })).toBeVisible();
});

test('courses have covers: alt text, width and height, lazy in the catalogue, cached for good', async ({ page }) => {
	await page.goto('/courses');
	const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: COURSE_TITLE }) });
	const img = card.getByRole('img');
	await expect(img).toHaveAttribute('alt', /Personen/);
	await expect(img).toHaveAttribute('loading', 'lazy');
	await expect(img).toHaveAttribute('width', '960');
	await expect(img).toHaveAttribute('height', '540');
	await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(960);
	const res = await page.request.get((await img.getAttribute('src'))!);
	expect(res.headers()['content-type']).toBe('image/jpeg');
	expect(res.headers()['cache-control']).toContain('immutable');
	await expectAccessible(page);

	await page.goto(COURSE);
	const cover = page.locator('img.cover');
	await expect(cover).toHaveAttribute('alt', /Personen/);
	await expect(cover).toHaveAttribute('width', '960');
	await expect.poll(() => cover.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(960);
});

test('a long lesson has a table of contents beside it on a wide screen and folded above it on a phone', async ({ page }) => {
	const lesson = `${COURSE}/feste-und-begegnung`;
	await page.setViewportSize({ width: 1280, height: 800 });
	await page.goto(lesson);
	const toc = page.getByRole('navigation', { name: 'Inhalt dieser Lektion' });
	await expect(toc).toBeVisible();
	const headings = await page.locator('.lesson-text :is(h2, h3)[id]').evaluateAll((hs) => hs.filter((h) => !h.classList.contains('visually-hidden')).map((h) => '#' + h.id));
	expect(headings.length).toBeGreaterThanOrEqual(3);
	await expect(toc.getByRole('link')).toHaveCount(headings.length);
	expect(await toc.getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(headings);
	// beside the text, and it stays in view while reading
	const text = (await page.locator('.lesson-text').boundingBox())!;
	const box = (await toc.boundingBox())!;
	expect(box.x).toBeGreaterThan(text.x + text.width - 1);
	await page.mouse.wheel(0, 1500);
	await expect.poll(async () => (await toc.boundingBox())!.y).toBeLessThan(50);
	await toc.getByRole('link').nth(2).click();
	await expect(page).toHaveURL(new RegExp(headings[2] + '$'));
	await expect.poll(() => inViewport(page, headings[2])).toBe(true);
	await expectAccessible(page);

	await page.setViewportSize(PHONE);
	await expect(toc).toBeHidden();
	const folded = page.locator('details.toc-narrow');
	await expect(folded).toBeVisible();
	await folded.locator('summary').click();
	await expect(folded.getByRole('link').first()).toBeVisible();
});
