// Issue 12, the data saver: with "Daten sparen" chosen in /account, or the browser's save-data wish, the player
// starts with the 64k rendition's playlist (never the master playlist, never a 128k segment).
import { test as base, expect, type Page } from '@playwright/test';
import { podcastServer, register, visit } from './helpers';
import { type RunningServer } from '../server';

const test = base.extend<object, { podcast: RunningServer }>({
	podcast: podcastServer,
	baseURL: async ({ podcast }, use) => use(podcast.url)
});

test.use({ locale: 'de-DE' });

/** Plays the first episode and returns the /media/ requests until the first audio segment or rendition playlist. */
async function firstMediaRequests(page: Page) {
	const media: string[] = [];
	page.on('request', (r) => {
		const path = new URL(r.url()).pathname;
		if (path.startsWith('/media/')) media.push(path);
	});
	await visit(page, '/podcast/erste-folge');
	await page.getByRole('group', { name: /Audioplayer/ }).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => media.find((p) => /\/(64k|128k)\//.test(p)) ?? null, { timeout: 15_000 }).not.toBeNull();
	await expect.poll(() => page.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 15_000 }).toBeGreaterThan(0.5);
	return media;
}

function expectLowRendition(media: string[]) {
	expect(media.find((p) => /\/(64k|128k)\//.test(p))).toMatch(/\/64k\//);
	expect(media.some((p) => p.endsWith('/master.m3u8'))).toBe(false);
	expect(media.filter((p) => /\/128k\//.test(p))).toEqual([]);
}

test('"Daten sparen" in the account: the episode starts with 64k and the cover loads lazily', async ({ page }) => {
	test.setTimeout(30_000);
	await register(page);
	await visit(page, '/account');
	const box = page.getByRole('checkbox', { name: 'Daten sparen' });
	await expect(box).not.toBeChecked();
	await box.check();
	await page.getByRole('region', { name: 'Daten sparen' }).getByRole('button', { name: 'Datensparen speichern' }).click();
	await expect(page.getByText('Daten sparen ist eingeschaltet.')).toBeVisible();
	await page.reload();
	await expect(page.getByRole('checkbox', { name: 'Daten sparen' })).toBeChecked();

	// the server knows the choice: the page as sent (no JavaScript needed) has its images lazy
	const html = await (await page.request.get('/podcast/erste-folge')).text();
	const images = html.match(/<img\b[\s\S]*?\/>/g) ?? [];
	expect(images.length).toBeGreaterThan(0);
	for (const img of images) expect(img).toContain('loading="lazy"');

	expectLowRendition(await firstMediaRequests(page));
});

test('the browser asks to save data (navigator.connection.saveData): an anonymous visitor gets 64k too', async ({ page }) => {
	test.setTimeout(30_000);
	await page.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
	expectLowRendition(await firstMediaRequests(page));
});

test('without the data saver the player loads the master playlist', async ({ page }) => {
	test.setTimeout(30_000);
	const media = await firstMediaRequests(page);
	expect(media.some((p) => p.endsWith('/master.m3u8'))).toBe(true);
});
