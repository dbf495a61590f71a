// Reach (issue 9): every public and learner page in each of the seven interface languages, at phone and desktop
// size, with no serious or critical axe-core violation and the right <html lang dir>; and a keyboard-only walk
// through a lesson, a quiz and the player with the interface in Arabic. One server with the fixture course and two
// short episodes (packaged at start), shared by the tests of this file.
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { makePodcastContent } from '../fixtures/podcast-content';
import { startServer, type RunningServer } from '../server';

const LOCALES = ['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru'] as const;
const RTL = new Set(['ar', 'fa']);
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const COURSE = '/courses/testkurs-beirat';

const test = base.extend<object, { site: RunningServer }>({
	site: [
		async ({}, use) => {
			const server = await startServer({ env: { CONTENT_DIR: makePodcastContent() } });
			// audio packaging runs in the background after start: wait until the feed lists both episodes
			const deadline = Date.now() + 90_000;
			while (((await fetch(server.url + '/podcast/feed.xml').then((r) => (r.ok ? r.text() : ''))).match(/<enclosure /g) ?? []).length < 2) {
				if (Date.now() > deadline) throw new Error('ingest did not finish');
				await new Promise((r) => setTimeout(r, 250));
			}
			await use(server);
			await server.stop();
		},
		// packaging two short episodes takes a few seconds on an idle machine, much longer on a busy one
		{ scope: 'worker', timeout: 240_000 }
	],
	baseURL: async ({ site }, use) => use(site.url)
});

let accounts = 0;
/** Registers through the form (as a browser without JavaScript does) in `locale`; returns the session cookie. */
async function registerIn(base: string, locale: string, displayName: string): Promise<string> {
	const res = await fetch(base + '/register', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base, accept: 'text/html', cookie: `lang=${locale}` },
		body: new URLSearchParams({ email: `reach-${locale}-${process.pid}-${accounts++}@example.org`, password: 'ein langes Passwort', displayName, locale, consent: 'on' })
	});
	const session = res.headers.getSetCookie().find((c) => c.startsWith('session=') && !c.startsWith('session=;'));
	if (res.status !== 303 || !session) throw new Error(`registration failed: HTTP ${res.status}`);
	return session.split(';')[0].slice('session='.length);
}

async function contextIn(browser: import('@playwright/test').Browser, base: string, locale: string, session?: string): Promise<BrowserContext> {
	// the browser asks for German: the page language must come from the choice (cookie or account), not from it
	const context = await browser.newContext({ baseURL: base, locale: 'de-DE', viewport: PHONE });
	await context.addCookies([{ name: 'lang', value: locale, url: base }, ...(session ? [{ name: 'session', value: session, url: base }] : [])]);
	return context;
}

// axe-core injected once per page and run with violations only: the same rules as @axe-core/playwright (the
// helpers' expectAccessible), at a fraction of the time, which matters for ~200 runs (page.evaluate is not subject
// to the page's Content-Security-Policy)
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
async function axe(page: Page, label: string): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	return page.evaluate(
		async ({ tags, label }) => {
			const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[] }> } };
			const r = await w.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
			return r.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map((v) => `${label}: ${v.id} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
		},
		{ tags: AXE_TAGS, label }
	);
}

/** The page in `locale`: lang and dir on <html>, hreflang alternates, and axe at phone and at desktop size. */
async function checkPage(page: Page, path: string, locale: string, status = 200): Promise<string[]> {
	const res = await page.goto(path);
	expect(res?.status(), path).toBe(status);
	await expect(page.locator('html'), path).toHaveAttribute('lang', locale);
	await expect(page.locator('html'), path).toHaveAttribute('dir', RTL.has(locale) ? 'rtl' : 'ltr');
	await page.setViewportSize(PHONE);
	const found = await axe(page, `${locale} ${path} phone`);
	await page.setViewportSize(DESKTOP);
	found.push(...(await axe(page, `${locale} ${path} desktop`)));
	await page.setViewportSize(PHONE);
	return found;
}

// what a visitor sees (the lesson with its quiz, logged out) and what a learner sees (the lesson with its
// "done" button, the course enrolled, the player): each page once per language, in one of the two states
const PUBLIC_PAGES: [string, number?][] = [
	['/'],
	['/courses'],
	[`${COURSE}/rechte`],
	['/podcast'],
	['/login'],
	['/register'],
	['/reset'],
	['/verify/aaaaaaaaaaaaaaaaaaaa'],
	['/privacy'],
	['/gibt-es-nicht', 404]
];
const LEARNER_PAGES = ['/me', '/account', COURSE, `${COURSE}/was-ist-ein-beirat`, '/podcast/erste-folge'];
for (const locale of LOCALES) {
	test(`every public and learner page in ${locale}: lang/dir right, no serious axe violation at phone and desktop size`, async ({ browser, site }) => {
		test.setTimeout(300_000);
		const problems: string[] = [];
		const started = Date.now();
		const visitor = await contextIn(browser, site.url, locale);
		const page = await visitor.newPage();
		for (const [path, status] of PUBLIC_PAGES) problems.push(...(await checkPage(page, path, locale, status)));
		// the alternates name every language's address of this page
		await page.goto(COURSE);
		await expect(page.locator('link[rel="alternate"][hreflang]')).toHaveCount(8);
		await expect(page.locator('link[rel="alternate"][hreflang="ar"]')).toHaveAttribute('href', `${site.url}${COURSE}?lang=ar`);
		await visitor.close();

		const learner = await contextIn(browser, site.url, locale, await registerIn(site.url, locale, 'Amina Yılmaz'));
		const lp = await learner.newPage();
		for (const path of LEARNER_PAGES) problems.push(...(await checkPage(lp, path, locale)));
		await learner.close();
		console.log(`${locale}: ${PUBLIC_PAGES.length + LEARNER_PAGES.length} pages at two sizes in ${Math.round((Date.now() - started) / 1000)} s`);
		expect(problems).toEqual([]);
	});
}

test('the language switch offers the seven languages, each named in itself, and remembers the choice', async ({ browser, site }) => {
	const context = await browser.newContext({ baseURL: site.url, locale: 'tr-TR' });
	const page = await context.newPage();
	// Accept-Language is the first guess
	await page.goto('/courses');
	await expect(page.locator('html')).toHaveAttribute('lang', 'tr');
	const options = page.locator('#lang-select option');
	await expect(options).toHaveText(['Deutsch', 'English', 'العربية', 'فارسی', 'Türkçe', 'Українська', 'Русский']);
	expect(await options.evaluateAll((os) => os.map((o) => o.getAttribute('lang')))).toEqual([...LOCALES]);
	await page.locator('#lang-select').selectOption('fa');
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
	expect(new URL(page.url()).pathname).toBe('/courses');
	// remembered (cookie) on the next page, over the browser's Turkish
	await page.goto('/podcast');
	await expect(page.locator('html')).toHaveAttribute('lang', 'fa');
	// German content on the Farsi page is marked as German, left to right
	await page.goto(COURSE);
	await expect(page.locator('h1')).toHaveAttribute('lang', 'de');
	await expect(page.locator('h1')).toHaveAttribute('dir', 'ltr');
	await expect(page.locator('.prose').first()).toHaveAttribute('lang', 'de');
	// a ?lang= link (a search engine's, a shared one) shows that language
	await page.goto(`${COURSE}?lang=uk`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await context.close();
});

// ---- keyboard only, in Arabic ----

/** Presses Tab (or Shift+Tab) until `target` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: import('@playwright/test').Locator, max = 60, back = false) {
	for (let i = 0; i < max; i++) {
		if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`could not reach ${target} with the keyboard`);
}

test('keyboard only, in Arabic: a lesson, a quiz and the player', async ({ browser, site }) => {
	test.setTimeout(240_000);
	const context = await contextIn(browser, site.url, 'ar', await registerIn(site.url, 'ar', 'أمينة يلماز'));
	const page = await context.newPage();

	// the course page → the first lesson, by Tab and Enter
	await page.goto(COURSE);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await tabTo(page, page.locator(`a[href="${COURSE}/was-ist-ein-beirat"]`).first());
	await page.keyboard.press('Enter');
	await page.waitForURL(`**${COURSE}/was-ist-ein-beirat`);
	// the lesson's German text is marked as such inside the Arabic page
	await expect(page.locator('article .lesson-text')).toHaveAttribute('lang', 'de');
	await expect(page.locator('article .lesson-text')).toHaveAttribute('dir', 'ltr');
	await tabTo(page, page.locator('form[action="?/complete"] button'));
	await page.keyboard.press('Enter');
	await expect(page.locator('#progress .message.ok')).toBeVisible();
	expect(await axe(page, 'ar lesson done')).toEqual([]);

	// on to the quiz lesson by the "next" link; answer with Tab, arrows and Space; submit with Enter
	await tabTo(page, page.locator('a[rel="next"]'));
	await page.keyboard.press('Enter');
	await page.waitForURL(`**${COURSE}/rechte`);
	const option = (text: string) => page.locator('#quiz label').filter({ hasText: text }).locator('input');
	// one answer: Tab into the group reaches its first option; the arrows move between the options
	await tabTo(page, option('Anträge stellen'));
	await page.keyboard.press('ArrowDown');
	await expect(option('Den Haushalt allein beschließen')).toBeChecked();
	await page.keyboard.press('ArrowUp');
	await expect(option('Anträge stellen')).toBeChecked();
	// several answers: checkboxes, Space to tick
	for (const text of ['Mitglieder können im Ausschuss sprechen', 'Anträge gehen an den Gemeinderat']) {
		await tabTo(page, option(text));
		await page.keyboard.press('Space');
		await expect(option(text)).toBeChecked();
	}
	await tabTo(page, page.locator('#quiz button[type="submit"]'));
	await page.keyboard.press('Enter');
	await expect(page.locator('#quiz .message.ok')).toBeVisible();
	await expect(page.locator('#progress .message.ok')).toBeVisible();
	expect(await axe(page, 'ar quiz passed')).toEqual([]);

	// the player: Tab to play, Enter; ← goes forward and → back (the seek bar runs from the right); Shift+← is the next chapter
	await page.goto('/podcast/erste-folge');
	const player = page.locator('.player[role="group"]');
	const audioTime = () => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
	const seek = player.locator('input[name="position"]');
	await expect(seek).toHaveCSS('direction', 'rtl');
	// the waveform is drawn mirrored, to run with the range input
	expect(await player.locator('svg.wave').evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
	await tabTo(page, player.locator('button.main'));
	await page.keyboard.press('Enter');
	await expect.poll(audioTime, { timeout: 20_000 }).toBeGreaterThan(0.5);
	await page.keyboard.press('Space');
	await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);
	const t0 = await audioTime();
	await tabTo(page, seek);
	await page.keyboard.press('ArrowLeft');
	await expect.poll(audioTime).toBeGreaterThan(t0 + 4);
	const t1 = await audioTime();
	await page.keyboard.press('ArrowRight');
	await expect.poll(audioTime).toBeLessThan(t1 - 4);
	await page.keyboard.press('Shift+ArrowLeft');
	// chapters start at 0:00, 0:08 and 0:16: the next one after where we stand
	await expect.poll(audioTime).toBeGreaterThanOrEqual(8);
	// the skip icons point the way the bar runs: mirrored
	expect(await player.locator('button.icon svg path.directed').first().evaluate((el) => getComputedStyle(el).transform)).toBe('matrix(-1, 0, 0, 1, 0, 0)');
	expect(await axe(page, 'ar player')).toEqual([]);
	await context.close();
});
