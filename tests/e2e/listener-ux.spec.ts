// Issue 13, the listener's part: one player across the site, the mini-player (close, scrub bar, reload), SVG icons,
// the episode list's play and download, the embeddable player page and the feed's stylesheet.
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { expectAccessible, visit } from './helpers';
import { makePodcastContent } from '../fixtures/podcast-content';
import { freePort, startServer, waitForEpisodes, type RunningServer } from '../server';
import http from 'node:http';

// a second site on this machine, allowed to frame the embeddable player (EMBED_ORIGINS), and a third that is not
const ports = { partner: 0, other: 0 };

const test = base.extend<object, { podcast: RunningServer }>({
	podcast: [
		async ({}, use) => {
			ports.partner = await freePort();
			ports.other = await freePort();
			const server = await startServer({ env: { CONTENT_DIR: makePodcastContent(), EMBED_ORIGINS: `'self' http://127.0.0.1:${ports.partner}` } });
			await waitForEpisodes(server, 2, 150_000);
			await use(server);
			await server.stop();
		},
		{ scope: 'worker', timeout: 180_000 }
	],
	baseURL: async ({ podcast }, use) => use(podcast.url)
});

test.use({ locale: 'de-DE' });

const audioTime = (page: Page) => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
const audioPaused = (page: Page) => page.locator('audio').evaluate((a: HTMLAudioElement) => a.paused);
const mini = (page: Page) => page.getByRole('region', { name: 'Laufende Folge' });
const EP1 = 'Erste Folge: Anträge & <Ausschüsse> 🎙';

/** Moves a range input as a pointer would (Playwright's fill() does not take ranges). */
const setRange = (bar: Locator, v: number) =>
	bar.evaluate((el: HTMLInputElement, value) => {
		el.value = String(value);
		el.dispatchEvent(new Event('input', { bubbles: true }));
	}, v);

/** Follows a link inside the app (SvelteKit's router, no reload), as a click on any link on the page would. */
async function navigateInApp(page: Page, href: string) {
	await page.evaluate((h) => {
		const a = document.createElement('a');
		a.href = h;
		a.textContent = 'weiter';
		document.querySelector('main')!.append(a);
	}, href);
	await page.getByRole('link', { name: 'weiter', exact: true }).click();
	await page.waitForURL('**' + href);
}

test('one player across the site: the list, a lesson embed and the mini-player drive the same <audio>', async ({ page }) => {
	await visit(page, '/podcast');
	await page.getByRole('button', { name: 'Abspielen: Zweite Folge' }).click();
	await expect(mini(page).getByRole('link', { name: 'Zweite Folge' })).toBeVisible();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
	// the list's button shows the one player's state
	await expect(page.getByRole('button', { name: 'Pause: Zweite Folge' })).toBeVisible();

	await navigateInApp(page, '/courses/testkurs-beirat/folge-hoeren');
	await expect(mini(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await page.locator('.episode').getByRole('button', { name: /Abspielen/ }).click();
	const embed = page.getByRole('group', { name: /Audioplayer/ });
	await expect(embed.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(mini(page).getByRole('link', { name: EP1 })).toBeVisible();
	// one <audio> on the page, and it plays the lesson's episode
	expect(await page.locator('audio, video').count()).toBe(1);
	await expect.poll(() => audioPaused(page)).toBe(false);

	// pausing in the mini-player pauses the embed's player too (it is the same one), and the other way round
	await mini(page).getByRole('button', { name: 'Pause' }).click();
	await expect(embed.getByRole('button', { name: 'Abspielen' })).toBeVisible();
	expect(await audioPaused(page)).toBe(true);
	await embed.getByRole('button', { name: 'Abspielen' }).click();
	await expect(mini(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await expectAccessible(page);
});

test('a lesson whose episode is already playing shows that player, not a second play button', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	await page.getByRole('group', { name: /Audioplayer/ }).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
	await navigateInApp(page, '/courses/testkurs-beirat/folge-hoeren');
	const embed = page.getByRole('group', { name: /Audioplayer/ });
	await expect(embed.getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(page.locator('.episode-facade')).toHaveCount(0);
	// its position is the one player's
	await expect.poll(async () => Number(await embed.getByRole('slider').inputValue())).toBeGreaterThanOrEqual(1);
});

test('mini-player: scrub bar in words, back after a reload paused where it was, close', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	await page.getByRole('group', { name: /Audioplayer/ }).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(3);
	await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Podcast' }).click();
	await page.waitForURL('**/podcast');
	await mini(page).getByRole('button', { name: 'Pause' }).click();
	const bar = mini(page).getByRole('slider', { name: 'Position in der Folge' });
	await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ Sekunden von 2\d Sekunden$/);
	// the keyboard moves the bar (and the audio)
	await setRange(bar, 10);
	await expect.poll(() => audioTime(page)).toBeCloseTo(10, 0);
	await expect(bar).toHaveAttribute('aria-valuetext', /^10 Sekunden von/);
	await bar.focus();
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => audioTime(page)).toBeCloseTo(11, 0);

	await page.reload();
	await expect(mini(page).getByRole('link', { name: EP1 })).toBeVisible();
	await expect(mini(page).getByRole('button', { name: 'Abspielen' })).toBeVisible();
	// where it was (the position is kept to a tenth of a second)
	expect(Math.abs(Number(await mini(page).getByRole('slider').inputValue()) - 11)).toBeLessThanOrEqual(1);
	expect(await audioPaused(page)).toBe(true);
	await expectAccessible(page);
	await mini(page).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(11);

	await mini(page).getByRole('button', { name: 'Player schließen' }).click();
	await expect(mini(page)).toHaveCount(0);
	expect(await audioPaused(page)).toBe(true);
	await page.reload();
	await page.waitForLoadState('networkidle');
	await expect(mini(page)).toHaveCount(0);
});

test('mini-player on a phone: the title takes at most two lines and is whole for screen readers', async ({ page }) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await visit(page, '/podcast/erste-folge');
	await page.getByRole('group', { name: /Audioplayer/ }).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.2);
	// on a phone the links are behind the header's menu
	await page.locator('summary', { hasText: 'Menü' }).click();
	await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Podcast' }).click();
	const title = mini(page).getByRole('link', { name: EP1 });
	await expect(title).toBeVisible();
	const box = await title.evaluate((el) => ({ h: el.getBoundingClientRect().height, line: parseFloat(getComputedStyle(el).lineHeight), w: el.getBoundingClientRect().width }));
	expect(box.h).toBeLessThanOrEqual(box.line * 2 + 1);
	// room for the title: the whole width of the bar, not what the buttons leave
	expect(box.w).toBeGreaterThan(250);
	await expect(title).toHaveAttribute('title', EP1);
});

test('in Arabic the mini-player bar runs from the right and ← moves forward', async ({ page }) => {
	await visit(page, '/podcast?lang=ar');
	await page.getByRole('button', { name: 'تشغيل: Zweite Folge' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.2);
	const arMini = page.getByRole('region', { name: 'الحلقة قيد التشغيل' });
	await arMini.getByRole('button', { name: 'إيقاف مؤقت' }).click();
	const bar = arMini.getByRole('slider');
	expect(await bar.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
	await setRange(bar, 2);
	await bar.focus();
	await page.keyboard.press('ArrowLeft');
	await expect(bar).toHaveValue('3');
	await expect.poll(() => audioTime(page)).toBeCloseTo(3, 0);
	await expect(bar).toHaveAttribute('aria-valuetext', /ثوان/);
});

// emoji and symbol blocks that a phone without an emoji font shows as empty boxes (arrows, technical symbols such as
// ⏸ ⏩, geometric shapes such as ▶, dingbats, pictographs). Mathematical operators (U+2200–22FF, the minus sign
// of the remaining time) are left out: every text font has them.
const SYMBOLS = /[\u2190-\u21FF\u2300-\u2BFF\u{1F300}-\u{1FAFF}\uFE0F]/u;

test('the players show SVG icons, no emoji or symbol characters', async ({ page }) => {
	await visit(page, '/courses/testkurs-beirat/folge-hoeren');
	expect(await page.locator('.episode-facade button').innerText()).not.toMatch(SYMBOLS);
	await visit(page, '/podcast/erste-folge');
	const full = page.getByRole('group', { name: /Audioplayer/ });
	expect(await full.innerText()).not.toMatch(SYMBOLS);
	await full.getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.2);
	await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Podcast' }).click();
	await expect(mini(page)).toBeVisible();
	// the episode's title is the author's text (this one ends in a microphone emoji); the player's own text is checked
	const own = await mini(page).evaluate((el, title) => (el as HTMLElement).innerText.replace(title, ''), EP1);
	expect(own).not.toMatch(SYMBOLS);
	for (const scope of [mini(page), page.locator('main')]) {
		const buttons = scope.locator('button:has(svg)');
		expect(await buttons.count()).toBeGreaterThan(0);
		for (const b of await buttons.all()) expect((await b.getAttribute('aria-label')) ?? (await b.innerText()).trim()).not.toBe('');
	}
});

test('episode list: download links to the MP3; the play control is a link without JavaScript; the episode page shows its cover', async ({ page, browser, podcast }) => {
	await visit(page, '/podcast');
	const download = page.getByRole('link', { name: 'MP3 herunterladen: Zweite Folge' });
	await expect(download).toHaveAttribute('href', /^\/media\/[0-9a-f]+\/episode\.mp3$/);
	await expect(download).toHaveAttribute('download', 'zweite-folge.mp3');
	const res = await fetch(podcast.url + (await download.getAttribute('href')));
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toBe('audio/mpeg');
	await expect(download.locator('xpath=..')).toContainText(/\(\d+ kB · 0:0\d\)/);

	const noJs = await browser.newContext({ baseURL: podcast.url, locale: 'de-DE', javaScriptEnabled: false });
	const p2 = await noJs.newPage();
	await p2.goto('/podcast');
	await expect(p2.getByRole('link', { name: 'Abspielen: Zweite Folge' })).toHaveAttribute('href', '/podcast/zweite-folge');
	await noJs.close();

	await visit(page, '/podcast/erste-folge');
	const cover = page.getByRole('img', { name: `Titelbild der Folge „${EP1}“` });
	await expect(cover).toHaveAttribute('width', '160');
	await expect(cover).toHaveAttribute('height', '160');
	expect(await cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
	// one-click subscribe links
	await expect(page.getByRole('link', { name: 'AntennaPod' })).toHaveAttribute('href', `https://antennapod.org/deeplink/subscribe?url=${encodeURIComponent(podcast.url + '/podcast/feed.xml')}`);
	await expect(page.getByRole('link', { name: 'Apple Podcasts' })).toHaveAttribute('href', `podcast://${podcast.url.replace('http://', '')}/podcast/feed.xml`);
});

test('the embeddable player: framed only where EMBED_ORIGINS allows, and it plays', async ({ page, podcast }) => {
	const embedUrl = podcast.url + '/podcast/erste-folge/embed';
	const res = await fetch(embedUrl);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-security-policy')).toContain(`frame-ancestors 'self' http://127.0.0.1:${ports.partner}`);
	expect(res.headers.get('x-frame-options')).toBeNull();
	const other = await fetch(podcast.url + '/podcast/erste-folge');
	expect(other.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
	expect(other.headers.get('x-frame-options')).toBe('DENY');
	expect((await fetch(podcast.url + '/podcast/gibt-es-nicht/embed')).status).toBe(404);

	// an allowed site frames it and the player plays (real servers on this machine: Chromium keeps sites it cannot
	// place, such as routed responses, from framing local addresses)
	const host = `<!doctype html><html lang="en"><title>host</title><iframe src="${embedUrl}" title="player" width="600" height="220"></iframe></html>`;
	const sites = [ports.partner, ports.other].map((port) => http.createServer((_q, r) => r.writeHead(200, { 'content-type': 'text/html' }).end(host)).listen(port, '127.0.0.1'));
	await page.goto(`http://127.0.0.1:${ports.partner}/`);
	const frame = page.frameLocator('iframe');
	await expect(frame.getByRole('heading', { name: EP1 })).toBeVisible();
	await expect(frame.getByRole('link', { name: 'Folge auf der Website öffnen' })).toHaveAttribute('target', '_blank');
	await frame.locator('audio').evaluate((a: HTMLAudioElement) => a.play());
	await expect.poll(() => frame.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.5);

	// any other site gets nothing
	await page.goto(`http://127.0.0.1:${ports.other}/`);
	await page.waitForLoadState('load');
	await expect(page.frameLocator('iframe').getByRole('heading', { name: EP1 })).toHaveCount(0);
	for (const s of sites) s.close();

	// the episode page offers the code (other origins are allowed here)
	await visit(page, '/podcast/erste-folge');
	await expect(page.getByLabel('Code zum Einbetten')).toHaveValue(new RegExp(`<iframe src="${embedUrl.replace(/[.?]/g, '\\$&')}"`));
});

test('the feed opened in a browser reads as a page on how to subscribe; apps still get RSS', async ({ page, podcast }) => {
	const xml = await (await fetch(podcast.url + '/podcast/feed.xml')).text();
	expect(xml.split('\n')[1]).toBe('<?xml-stylesheet type="text/xsl" href="/podcast/feed.xsl"?>');
	// podcast apps get RSS; a browser gets XML it renders through the stylesheet
	expect((await fetch(podcast.url + '/podcast/feed.xml')).headers.get('content-type')).toContain('application/rss+xml');
	const xsl = await fetch(podcast.url + '/podcast/feed.xsl');
	expect(xsl.headers.get('content-type')).toContain('text/xsl');

	await page.goto('/podcast/feed.xml');
	await expect(page.getByRole('heading', { name: 'So abonnieren Sie den Podcast' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'AntennaPod' })).toHaveAttribute('href', /antennapod\.org\/deeplink\/subscribe\?url=/);
	await expect(page.getByRole('link', { name: EP1 })).toHaveAttribute('href', podcast.url + '/podcast/erste-folge');
	await expect(page.getByText(podcast.url + '/podcast/feed.xml')).toBeVisible();

	// in the visitor's language
	await page.goto('/podcast/feed.xml?lang=en');
	await expect(page.getByRole('heading', { name: 'How to subscribe to the podcast' })).toBeVisible();
});
