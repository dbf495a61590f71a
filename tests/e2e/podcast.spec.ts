// The podcast in Chromium against our own server with the fixture show (audio generated and packaged at start).
import { test as base, expect, type Page } from '@playwright/test';
import { expectAccessible, holdScripts, podcastServer, register, visit } from './helpers';
import { makePodcastContent } from '../fixtures/podcast-content';
import { startServer, type RunningServer } from '../server';
import { gzipSync } from 'node:zlib';

const test = base.extend<object, { podcast: RunningServer }>({
	podcast: podcastServer,
	baseURL: async ({ podcast }, use) => use(podcast.url),
	page: async ({ page }, use) => {
		// Chromium may play HLS natively; hide that so these tests exercise hls.js (the path for Firefox and older Chromes)
		await page.addInitScript(() => {
			const orig = HTMLMediaElement.prototype.canPlayType;
			HTMLMediaElement.prototype.canPlayType = function (t: string) {
				return /mpegurl/i.test(t) ? '' : orig.call(this, t);
			};
		});
		await use(page);
	}
});

// the site negotiates German from the browser's language; these tests read German labels
test.use({ locale: 'de-DE' });

const audioTime = (page: Page) => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime);
const player = (page: Page) => page.getByRole('group', { name: /Audioplayer/ });

async function playUntil(page: Page, seconds: number) {
	await player(page).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(seconds);
}

/** Records the scripts a page loads: whether hls.js is among them (known by one of its event names; chunk names
 *  are hashes) and their gzip size, as a phone would download them. */
function watchScripts(page: Page) {
	const loaded: Promise<Buffer>[] = [];
	page.on('response', (r) => {
		if (r.request().resourceType() === 'script') loaded.push(r.body().catch(() => Buffer.alloc(0)));
	});
	return {
		hlsLoaded: async () => (await Promise.all(loaded)).some((b) => b.includes('hlsManifestLoaded')),
		gzipKb: async () => (await Promise.all(loaded)).reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0) / 1024
	};
}

test('plays through hls.js, loaded only on the first press of play', async ({ page }) => {
	const scripts = watchScripts(page);
	await visit(page, '/podcast/erste-folge');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erste Folge: Anträge & <Ausschüsse> 🎙');
	await page.waitForLoadState('networkidle');
	expect(await scripts.hlsLoaded()).toBe(false);
	// JavaScript before play (gzip): issue 4 set 50 KB for two languages; each message now carries seven (about
	// 65 KB measured). This guard stops further growth; issue 11 aims at 30 KB and is open.
	expect(await scripts.gzipKb()).toBeLessThanOrEqual(70);
	await playUntil(page, 1.5);
	expect(await scripts.hlsLoaded()).toBe(true);
	await expect(page.locator('audio')).toHaveAttribute('data-engine', 'hls.js');
	await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await expectAccessible(page);
});

test('a lesson embeds the episode: its player loads on the first press of play and plays', async ({ page }) => {
	const scripts = watchScripts(page);
	await visit(page, '/courses/testkurs-beirat/folge-hoeren');
	await page.waitForLoadState('networkidle');
	// JavaScript on a lesson page (gzip), no player before play: 50 KB in issue 3 with two languages, seven now (see
	// above); issue 11 aims at 30 KB
	expect(await scripts.gzipKb()).toBeLessThanOrEqual(70);
	await expect(page.getByRole('group', { name: /Audioplayer/ })).toHaveCount(0);
	await page.getByRole('button', { name: /Abspielen/ }).press('Enter');
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(1);
	// the pressed button is gone: focus is on the player's pause button, so the keyboard can stop it again
	await expect(player(page).getByRole('button', { name: 'Pause' })).toBeFocused();
	expect(await scripts.hlsLoaded()).toBe(true);
	await expectAccessible(page);
	await page.keyboard.press('Enter');
	await expect(player(page).getByRole('button', { name: 'Abspielen' })).toBeVisible();
});

test('before play the episode page has none of the player’s, transcript’s or subscribe box’s code; what the listener did before it came still happens', async ({ browser, baseURL }) => {
	// the service worker would answer the script requests past page.route
	const ctx = await browser.newContext({ baseURL, locale: 'de-DE', serviceWorkers: 'block' });
	const page = await ctx.newPage();
	const scripts = watchScripts(page);
	// strings only the full player's, the transcript's and the subscribe box's code hold
	const PLAYER_CODE = 'name="volume"';
	const ISLANDS = [PLAYER_CODE, 'id="transcript-q"', 'id="feed-url"'];
	const held = await holdScripts(page, ISLANDS);
	await page.goto('/podcast/erste-folge');
	await page.waitForLoadState('networkidle');
	// the server's player is there, with its controls, before its code
	await expect(player(page).getByRole('slider', { name: 'Position in der Folge' })).toBeVisible();
	expect(held.delivered()).toBe(false);
	await player(page).getByRole('button', { name: 'Abspielen' }).click();
	await page.getByLabel('Transkript durchsuchen').fill('Vorsitz');
	await page.getByRole('button', { name: 'Adresse kopieren' }).click();
	held.release();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
	await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Transkript' }).getByRole('button')).toHaveCount(1);
	await expect(page.getByText('Adresse kopiert.')).toBeVisible();
	expect(held.delivered()).toBe(true);

	// by keyboard: Space on the seek bar before the code came plays too
	const again = await ctx.newPage();
	await again.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.includes(PLAYER_CODE)) await new Promise((r) => setTimeout(r, 1500));
		await route.fulfill({ response, body });
	});
	await page.close();
	await again.goto('/podcast/zweite-folge');
	// (a key pressed before the page is interactive is lost, as it always was)
	await again.waitForLoadState('networkidle');
	await player(again).getByRole('slider', { name: 'Position in der Folge' }).focus();
	await again.keyboard.press('Space');
	await expect.poll(() => audioTime(again), { timeout: 20_000 }).toBeGreaterThan(0.5);
	await expect(player(again).getByRole('slider', { name: 'Position in der Folge' })).toBeFocused();
	await ctx.close();
});

test('the player’s code failing to load once (a dropped connection): the next press loads it and plays', async ({ browser, baseURL }) => {
	const ctx = await browser.newContext({ baseURL, locale: 'de-DE', serviceWorkers: 'block' });
	const page = await ctx.newPage();
	let failed = 0;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (body.includes('name="volume"') && failed++ === 0) return route.abort('connectionreset');
		await route.fulfill({ response, body });
	});
	await page.goto('/podcast/zweite-folge');
	await page.waitForLoadState('networkidle');
	const play = player(page).getByRole('button', { name: 'Abspielen' });
	await play.click();
	await expect.poll(() => failed).toBe(1);
	await play.click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
	await expect(player(page).getByRole('button', { name: 'Pause' })).toBeVisible();
	await ctx.close();
});

test('falls back to the MP3 when HLS fails for good', async ({ page }) => {
	await page.route('**/master.m3u8', (route) => route.abort());
	await visit(page, '/podcast/erste-folge');
	await playUntil(page, 1);
	await expect(page.locator('audio')).toHaveAttribute('data-engine', 'mp3');
	expect(await page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentSrc)).toMatch(/\/episode\.mp3$/);
});

test('keyboard: Space plays and pauses, arrows jump 5 s, Shift+arrows by chapter', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	const seek = player(page).getByRole('slider', { name: 'Position in der Folge' });
	await seek.focus();
	await page.keyboard.press('Space');
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(0.5);
	await page.keyboard.press('Space');
	await expect(player(page).getByRole('button', { name: 'Abspielen' })).toBeVisible();
	const t0 = await audioTime(page);
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => audioTime(page)).toBeGreaterThan(t0 + 4.5);
	// from about 6 s: the next chapters start at 8 and 16 s
	await page.keyboard.press('Shift+ArrowRight');
	await expect.poll(() => audioTime(page)).toBeCloseTo(8, 0);
	await page.keyboard.press('Shift+ArrowRight');
	await expect.poll(() => audioTime(page)).toBeCloseTo(16, 0);
	// within 3 s of a chapter's start, Shift+← goes to the previous chapter
	await page.keyboard.press('Shift+ArrowLeft');
	await expect.poll(() => audioTime(page)).toBeCloseTo(8, 0);
	await page.keyboard.press('ArrowLeft');
	await expect.poll(() => audioTime(page)).toBeCloseTo(3, 0);
});

test('chapters and transcript cues seek; the current cue is highlighted; search filters', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	await page.getByRole('button', { name: '0:16 – Zum Schluss' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(16);
	await page.getByRole('button', { name: /Wie stellt ein Beirat einen Antrag/ }).click();
	await expect.poll(() => audioTime(page)).toBeLessThan(12);
	expect(await audioTime(page)).toBeGreaterThanOrEqual(8);
	await expect(page.getByRole('button', { name: /Wie stellt ein Beirat einen Antrag/ })).toHaveAttribute('aria-current', 'true');
	await page.getByLabel('Transkript durchsuchen').fill('Vorsitz');
	await expect(page.getByRole('list', { name: 'Transkript' }).getByRole('button')).toHaveCount(1);
	await expectAccessible(page);
});

test('"share from here" links start at ?t=', async ({ page }) => {
	await visit(page, '/podcast/erste-folge?t=12');
	await expect(page.getByRole('link', { name: /Link, der bei 0:12 beginnt/ })).toHaveAttribute('href', /\?t=12$/);
	await player(page).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(12);
});

test('anonymous listener resumes after reload (localStorage)', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	await playUntil(page, 4);
	await player(page).getByRole('button', { name: 'Pause' }).click();
	const at = Math.floor(await audioTime(page));
	// a new tab (the mini-player's state is kept per tab; the position in localStorage for the browser)
	const tab = await page.context().newPage();
	await visit(tab, '/podcast/erste-folge');
	await expectAccessible(tab);
	// the saved position is rounded to 0.1 s, so the label may show the next second
	const resume = tab.getByRole('button', { name: new RegExp(`^Fortsetzen bei 0:0[${at}${at + 1}]$`) });
	await expect(resume).toBeVisible();
	await resume.click();
	await expect.poll(() => audioTime(tab), { timeout: 20_000 }).toBeGreaterThan(at);
	await tab.close();
	// a reload of the first tab brings the player back paused there; play goes on from it
	await page.reload();
	await player(page).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(at);
});

test('a logged-in listener resumes on another device; anonymous positions merge at login', async ({ page, browser, podcast }) => {
	// device 1: listen anonymously to episode 2, then register (= log in): the position moves to the account
	await visit(page, '/podcast/zweite-folge');
	await playUntil(page, 3);
	await player(page).getByRole('button', { name: 'Pause' }).click();
	const account = await register(page);
	// device 1, logged in: listen to episode 1 up to ~9 s
	await visit(page, '/podcast/erste-folge');
	await player(page).getByRole('button', { name: '0:08 – Anträge im Ausschuss' }).or(page.getByRole('button', { name: '0:08 – Anträge im Ausschuss' })).first().click();
	await expect.poll(() => audioTime(page), { timeout: 20_000 }).toBeGreaterThan(9);
	await player(page).getByRole('button', { name: 'Pause' }).click();
	const at = Math.floor(await audioTime(page));

	// device 2: a fresh browser context, log in, both positions are there
	const other = await browser.newContext({ baseURL: podcast.url, locale: 'de-DE' });
	const page2 = await other.newPage();
	await visit(page2, '/login');
	await page2.getByLabel(/E-Mail-Adresse/).fill(account.email);
	await page2.getByLabel(/^Passwort$/).fill(account.password);
	await page2.getByRole('button', { name: /^Anmelden$/ }).click();
	await page2.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page2, '/podcast');
	await expect(page2.getByRole('link', { name: 'Erste Folge: Anträge & <Ausschüsse> 🎙' }).first()).toBeVisible();
	await visit(page2, '/podcast/erste-folge');
	const resume = page2.getByRole('button', { name: new RegExp(`^Fortsetzen bei 0:(${String(at).padStart(2, '0')}|${String(at + 1).padStart(2, '0')})$`) });
	await expect(resume).toBeVisible();
	await resume.click();
	await expect.poll(() => page2.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 }).toBeGreaterThan(at);
	await visit(page2, '/podcast/zweite-folge');
	await expect(page2.getByRole('button', { name: /Fortsetzen bei 0:0[3-7]/ })).toBeVisible();
	await other.close();
});

test('the mini-player keeps playing across navigation', async ({ page }) => {
	await visit(page, '/podcast/erste-folge');
	await playUntil(page, 1);
	await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Podcast' }).click();
	await page.waitForURL('**/podcast');
	const mini = page.getByRole('region', { name: 'Laufende Folge' });
	await expect(mini).toBeVisible();
	const t = await audioTime(page);
	await expect.poll(() => audioTime(page)).toBeGreaterThan(t + 1);
	await expectAccessible(page);
	await mini.getByRole('button', { name: 'Pause' }).click();
	await expect(mini.getByRole('button', { name: 'Abspielen' })).toBeVisible();

	// from another episode's page, the mini-player's link is a client-side navigation: the page shows the episode's
	// own player, transcript and subscribe box (no server markup to keep then; their code loads at once)
	await page.goto('/podcast/zweite-folge');
	await expect(player(page)).toHaveAccessibleName(/Zweite Folge/);
	await page.getByRole('region', { name: 'Laufende Folge' }).getByRole('link', { name: /Erste Folge/ }).click();
	await page.waitForURL('**/podcast/erste-folge');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Erste Folge: Anträge & <Ausschüsse> 🎙');
	await expect(player(page)).toHaveAccessibleName(/Erste Folge/);
	await expect(page.getByRole('button', { name: /Wie stellt ein Beirat einen Antrag/ })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Adresse kopieren' })).toBeVisible();
});

test('HTTP: feed ETag/304, CORS on chapters and transcripts, ranges, no path escapes, heartbeat rules', async ({ request, podcast }) => {
	const feed = await request.get('/podcast/feed.xml');
	expect(feed.headers()['content-type']).toContain('application/rss+xml');
	const etag = feed.headers()['etag'];
	expect((await request.get('/podcast/feed.xml', { headers: { 'if-none-match': etag } })).status()).toBe(304);
	const chapters = await request.get('/podcast/erste-folge/chapters.json');
	expect(chapters.headers()['access-control-allow-origin']).toBe('*');
	expect(await chapters.json()).toMatchObject({ version: '1.2.0', chapters: [{ startTime: 0, title: 'Begrüßung' }, { startTime: 8 }, { startTime: 16 }] });
	const vtt = await request.get('/podcast/erste-folge/transcript.vtt');
	expect(vtt.headers()['content-type']).toContain('text/vtt');
	expect(vtt.headers()['access-control-allow-origin']).toBe('*');
	const text = await feed.text();
	const cover = await request.head(/<itunes:image href="([^"]+)"/.exec(text)![1]);
	expect(cover.status()).toBe(200);
	expect(cover.headers()['content-type']).toBe('image/png');
	const mp3 = /<enclosure url="([^"]+)"/.exec(text)![1];
	const part = await request.get(mp3, { headers: { range: 'bytes=0-9' } });
	expect(part.status()).toBe(206);
	expect((await part.body()).length).toBe(10);
	// raw paths: fetch does not normalise percent-encoded dots the way a browser URL bar would
	for (const bad of ['/media/..%2f..%2fmitsprache.db', '/media/%2e%2e/mitsprache.db', '/media/%2e%2e%2fmitsprache.db', '/media//etc/passwd']) {
		const res = await fetch(podcast.url + bad);
		expect(res.status, bad).toBe(404);
	}
	// listening API: only for logged-in listeners
	expect((await request.post('/api/listening', { data: { episode: 'erste-folge', position: 1, at: Date.now() } })).status()).toBe(401);
});

test('without ffmpeg the site starts and says the audio is not packaged yet', async ({ page }) => {
	const server = await startServer({ env: { CONTENT_DIR: makePodcastContent(), FFMPEG_PATH: '/nonexistent/ffmpeg' } });
	try {
		await visit(page, server.url + '/podcast/erste-folge');
		await expect(page.getByText('Die Audiodatei dieser Folge wird noch aufbereitet.')).toBeVisible();
		const xml = await (await fetch(server.url + '/podcast/feed.xml')).text();
		expect(xml).not.toContain('<item>');
	} finally {
		await server.stop();
	}
});

test('the home page shows the latest episodes', async ({ page }) => {
	await visit(page, '/');
	const block = page.getByRole('region', { name: 'Neue Podcast-Folgen' });
	await expect(block.getByRole('link', { name: 'Zweite Folge' })).toBeVisible();
	await block.getByRole('link', { name: 'Erste Folge: Anträge & <Ausschüsse> 🎙' }).click();
	await page.waitForURL('**/podcast/erste-folge');
	await expectAccessible(page);
});

test('an anonymous listener who hears a short episode to the end is counted: one play, one heard', async ({ browser, podcast }) => {
	// a device of its own (plays and "heard" are counted once per device and day)
	const ctx = await browser.newContext({ locale: 'de-DE', userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36 heard-${Date.now()}` });
	const page = await ctx.newPage();
	const counts: { event: string; counted: boolean }[] = [];
	page.on('response', async (r) => {
		if (!r.url().endsWith('/api/podcast/play')) return;
		const sent = JSON.parse(r.request().postData() ?? '{}') as { event?: string };
		counts.push({ event: sent.event ?? 'play', counted: ((await r.json()) as { counted: boolean }).counted });
	});
	await page.goto(`${podcast.url}/podcast/zweite-folge`);
	await player(page).getByRole('button', { name: 'Abspielen' }).click();
	// the 8-second episode plays to its end
	await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => a.ended), { timeout: 30_000 }).toBe(true);
	await expect.poll(() => counts).toEqual([
		{ event: 'play', counted: true },
		{ event: 'heard', counted: true }
	]);
	await ctx.close();
});
