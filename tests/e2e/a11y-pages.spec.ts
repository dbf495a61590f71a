// The start page's ways in (BITV 2.0 § 4): Leichte Sprache and the sign language video, linked prominently from the
// start page and from every footer; the video slot with the operator's video (a second server with DGS_VIDEO set, a
// real WebM made by ffmpeg) and without one; axe on the new pages in German and Arabic, at phone and desktop sizes.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createUserInDb, expectAccessible, login, visit } from './helpers';
import { e2eContentDir } from './global-setup';
import { startServer, tempDir, type RunningServer } from '../server';

test('the start page links prominently to Leichte Sprache, sign language and the statement', async ({ page }) => {
	test.slow(); // several axe runs
	await visit(page, '/');
	const nav = page.getByRole('navigation', { name: 'Mitsprache einfach erklärt' });
	await expect(nav.getByRole('link', { name: /^Leichte Sprache/ })).toHaveAttribute('href', '/leichte-sprache');
	await expect(nav.getByRole('link', { name: /^Gebärdensprache/ })).toHaveAttribute('href', '/gebaerdensprache');
	await expect(nav.getByRole('link', { name: /^Barrierefreiheit/ })).toHaveAttribute('href', '/barrierefreiheit');
	// in the first screen of a phone-sized window, right after the welcome
	await page.setViewportSize({ width: 375, height: 740 });
	await expect(nav.getByRole('link', { name: /^Leichte Sprache/ })).toBeInViewport();

	await nav.getByRole('link', { name: /^Leichte Sprache/ }).click();
	await expect(page).toHaveURL(/\/leichte-sprache$/);
	const text = page.getByRole('article', { name: 'Mitsprache in Leichter Sprache' });
	await expect(text).toHaveAttribute('lang', 'de');
	// what BITV 2.0 § 4 asks for: what the site offers, how to navigate, the statement, more LS/DGS
	for (const h of ['Was gibt es auf Mitsprache?', 'So finden Sie sich zurecht', 'Erklärung zur Barriere·freiheit', 'Noch mehr in Leichter Sprache und Gebärden·sprache']) {
		await expect(text.getByRole('heading', { name: h })).toBeVisible();
	}
	await expect(text.getByRole('link', { name: 'Erklärung zur Barriere·freiheit' })).toHaveAttribute('href', '/barrierefreiheit#feedback');
	await expect(text).toContainText('Bald gibt es auch ein Video in Deutscher Gebärden·sprache.');
	await expectAccessible(page);
	for (const path of ['/courses', '/podcast']) {
		await page.goto(path);
		const footer = page.getByRole('contentinfo');
		await expect(footer.getByRole('link', { name: 'Leichte Sprache' })).toHaveAttribute('href', '/leichte-sprache');
		await expect(footer.getByRole('link', { name: 'Gebärdensprache' })).toHaveAttribute('href', '/gebaerdensprache');
		await expect(footer.getByRole('link', { name: 'Glossar' })).toHaveAttribute('href', '/glossar');
	}
});

test('without a configured video the sign language page says so, points to Leichte Sprache and tells admins how to add it', async ({ page }) => {
	test.slow(); // several axe runs
	await visit(page, '/gebaerdensprache');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gebärdensprache');
	await expect(page.locator('video')).toHaveCount(0);
	await expect(page.getByText('Das Video in Gebärdensprache gibt es noch nicht.')).toBeVisible();
	await expect(page.getByText(/DGS_VIDEO/)).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Die Erklärungen aus dem Video als Text in Leichter Sprache' })).toHaveAttribute('href', '/leichte-sprache');
	expect((await page.request.get('/gebaerdensprache/video')).status()).toBe(404);

	const admin = await createUserInDb('admin');
	await login(page, admin.email, admin.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, '/gebaerdensprache');
	await expect(page.getByText(/setzen Sie die Umgebungsvariable DGS_VIDEO/)).toBeVisible();
});

test.describe('with the operator’s sign language video and statement settings', () => {
	let server: RunningServer;
	test.beforeAll(async () => {
		test.setTimeout(180_000); // a second server that imports the content
		const dir = tempDir('mitsprache-dgs-');
		const media = path.join(dir, 'media', 'dgs');
		fs.mkdirSync(media, { recursive: true });
		// two seconds of real VP8 video, as an operator's file would be (WebM plays in every browser)
		execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=duration=2:size=320x240:rate=10', '-c:v', 'libvpx', '-b:v', '200k', path.join(media, 'startseite.webm')]);
		fs.writeFileSync(path.join(media, 'startseite.vtt'), 'WEBVTT\n\n00:00.000 --> 00:02.000\nWillkommen bei Mitsprache.\n');
		server = await startServer({
			dir,
			env: {
				CONTENT_DIR: e2eContentDir(),
				// this server needs no podcast audio packaged
				INGEST_WORKER: '0',
				DGS_VIDEO: 'dgs/startseite.webm',
				DGS_VIDEO_CAPTIONS: 'dgs/startseite.vtt',
				A11Y_OPERATOR: 'Stadt Musterstadt, Integrationsbüro\\nMarktplatz 1, 12345 Musterstadt',
				A11Y_CONTACT_EMAIL: 'barrierefrei@musterstadt.example',
				A11Y_ENFORCEMENT_NAME: 'Landesbeauftragte für Barrierefreiheit (Beispiel)',
				A11Y_ENFORCEMENT_PHONE: '+49 30 1234-567',
				A11Y_ENFORCEMENT_URL: 'www.example.org/schlichtung',
				A11Y_STATEMENT_REVIEWED: '2027-03-01'
			}
		});
	});
	test.afterAll(async () => server?.stop());

	test('the page plays it with captions and a download link; the statement no longer lists it as missing', async ({ page }) => {
		test.slow(); // several axe runs
		await page.goto(server.url + '/gebaerdensprache');
		const video = page.getByRole('figure').locator('video');
		await expect(video).toHaveAttribute('aria-label', 'Video in Deutscher Gebärdensprache: Mitsprache erklärt');
		await expect(video).toHaveAttribute('controls', '');
		await expect(video).not.toHaveAttribute('autoplay', /.*/);
		await expect(page.getByText('Das Video in Gebärdensprache gibt es noch nicht.')).toHaveCount(0);
		// the browser really loads it: its duration is the file's two seconds, and it plays
		await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
		expect(await video.evaluate((v: HTMLVideoElement) => Math.round(v.duration))).toBe(2);
		await video.evaluate((v: HTMLVideoElement) => ((v.muted = true), v.play()));
		await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(0.2);
		// captions in German
		const track = video.locator('track');
		await expect(track).toHaveAttribute('srclang', 'de');
		const vtt = await page.request.get(server.url + (await track.getAttribute('src')));
		expect(vtt.headers()['content-type']).toContain('text/vtt');
		expect(await vtt.text()).toContain('Willkommen bei Mitsprache.');
		// seeking needs byte ranges
		const src = await video.locator('source').getAttribute('src');
		const range = await page.request.get(server.url + src, { headers: { range: 'bytes=0-99' } });
		expect(range.status()).toBe(206);
		expect(range.headers()['content-type']).toBe('video/webm');
		await expect(page.getByRole('link', { name: 'Video herunterladen' })).toHaveAttribute('href', src!);
		await expectAccessible(page);

		await page.goto(server.url + '/barrierefreiheit');
		await expect(page.getByRole('region', { name: 'Nicht barrierefreie Inhalte' })).not.toContainText('Gebärdensprache');
		// the operator's own details replace the placeholders
		const main = page.getByRole('main');
		await expect(main).toContainText('Stadt Musterstadt, Integrationsbüro ist bemüht');
		await expect(page.getByRole('region', { name: 'Rückmeldung und Kontakt' })).toContainText('Marktplatz 1, 12345 Musterstadt');
		await expect(main).not.toContainText('Platzhalter');
		await expect(main.getByRole('link', { name: 'barrierefrei@musterstadt.example' })).toHaveAttribute('href', 'mailto:barrierefrei@musterstadt.example');
		const enforcement = page.getByRole('region', { name: 'Durchsetzungsverfahren' });
		await expect(enforcement).toContainText('Landesbeauftragte für Barrierefreiheit (Beispiel)');
		await expect(enforcement.getByRole('link', { name: '+49 30 1234-567' })).toHaveAttribute('href', 'tel:+49301234567');
		await expect(enforcement.getByRole('link', { name: 'https://www.example.org/schlichtung' })).toHaveAttribute('href', 'https://www.example.org/schlichtung');
		await expect(main).toContainText('Zuletzt überprüft wurde die Erklärung am 1. März 2027.');
		await expectAccessible(page);
		await page.goto(server.url + '/leichte-sprache');
		await expect(page.getByRole('article')).toContainText('Es gibt ein Video in Deutscher Gebärden·sprache.');
	});
});

for (const size of [
	{ name: 'phone', width: 375, height: 740 },
	{ name: 'desktop', width: 1280, height: 900 }
]) {
	test(`axe: the new pages in German and Arabic (${size.name})`, async ({ browser, baseURL }) => {
		test.setTimeout(300_000); // ten pages through axe
		for (const lang of ['de', 'ar']) {
			const ctx = await browser.newContext({ viewport: { width: size.width, height: size.height } });
			await ctx.addCookies([{ name: 'lang', value: lang, url: baseURL! }]);
			const page = await ctx.newPage();
			for (const p of ['/', '/barrierefreiheit', '/leichte-sprache', '/gebaerdensprache', '/glossar']) {
				await visit(page, p);
				await expect(page.locator('html')).toHaveAttribute('lang', lang);
			}
			if (lang === 'ar') {
				// German text keeps its language and direction inside the right-to-left page
				await page.goto('/leichte-sprache');
				await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
				await expect(page.getByRole('article')).toHaveAttribute('dir', 'ltr');
				await expect(page.getByRole('heading', { level: 1 })).toHaveText('الألمانية المبسّطة (Leichte Sprache)');
			}
			await ctx.close();
		}
	});
}
