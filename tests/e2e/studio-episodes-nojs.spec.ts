// The audio upload with JavaScript switched off: the plain multipart form streams the file to the server, the page
// comes back (303) with the job's state rendered on the server and a reload shows it progress to done. A non-audio
// file and an oversized one come back with their translated reasons; a cross-site form post is refused.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUserInDb, expectAccessible } from './helpers';
import { e2eContentDir } from './global-setup';
import { startServer } from '../server';

test.use({ locale: 'de-DE', javaScriptEnabled: false });
test.describe.configure({ mode: 'serial' });

let trainer: { email: string; password: string; id: string };
let slug = '';

function wav(seconds: number): string {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'studioep-nojs-')), 'ton.wav');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`, '-ar', '22050', file]);
	return file;
}

async function episodeRow(s: string) {
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	return (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, s)))[0];
}

/**
 * axe-core runs inside the page, which JavaScript switched off forbids: the page as the no-JS browser got it
 * (scripts removed) is served again to a second, script-enabled browser at the same address (so the site's CSS
 * loads too), and checked there.
 */
async function expectAccessibleNoJs(page: Page, browser: Browser) {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const ctx = await browser.newContext({ locale: 'de-DE', javaScriptEnabled: true });
	try {
		const copy = await ctx.newPage();
		await copy.route(page.url(), (r) => r.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
		await copy.goto(page.url());
		await expectAccessible(copy);
	} finally {
		await ctx.close();
	}
}

/** The login form, without JavaScript, on `base` (the global server or a second one). */
async function loginNoJs(page: Page, base: string) {
	await page.goto(`${base}/login`);
	await page.getByLabel('E-Mail-Adresse').fill(trainer.email);
	await page.getByLabel('Passwort', { exact: true }).fill(trainer.password);
	await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
}

async function upload(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
	await page.getByLabel(/^Audiodatei/).setInputFiles(file);
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await page.waitForLoadState();
}

test('without JavaScript a trainer uploads a WAV, sees the job queued and, after reloading, done', async ({ page, browser }) => {
	test.setTimeout(300_000);
	trainer = await createUserInDb('trainer');
	const { createEpisode } = await import('../../src/lib/server/studio-episodes/episodes');
	slug = `ohne-js-${Date.now().toString(36)}`;
	const r = await createEpisode(trainer.id, { title: 'Ohne JavaScript', slug, date: '2026-03-01', season: 1, number: 81, type: 'full', summary: '', explicit: false, notes: '' });
	expect(r.ok).toBe(true);
	await loginNoJs(page, process.env.E2E_BASE_URL!);
	await page.goto(`/studio/episodes/${slug}`);
	await expectAccessibleNoJs(page, browser);
	// (the <noscript> hint is not asserted: Playwright switches scripts off by emulation, and Chromium then still
	// parses <noscript> as if scripts ran, so it never shows there although it does in a browser with JS turned off)

	// a text file named .wav: the page answers with the translated reason and nothing is queued
	await upload(page, { name: 'kaputt.wav', mimeType: 'audio/wav', buffer: Buffer.from('das ist kein Audio\n'.repeat(50)) });
	await expect(page.getByRole('alert')).toContainText('kein lesbares Audio');
	await expectAccessibleNoJs(page, browser);
	const { latestJobForEpisode } = await import('../../src/lib/server/media/jobs');
	expect(await latestJobForEpisode(r.ok ? r.id : '')).toBeNull();

	// a real WAV: 303 back to the episode page, which shows the job's state from the server
	await upload(page, wav(3));
	expect(new URL(page.url()).pathname).toBe(`/studio/episodes/${slug}`);
	await expect(page.getByRole('status').filter({ hasText: 'Hochgeladen. Die Datei wird jetzt verarbeitet.' })).toBeVisible();
	await expect(page.getByText(/In der Warteschlange|Wird verarbeitet|Verarbeitung fertig/).first()).toBeVisible();
	await expectAccessibleNoJs(page, browser);
	// the global server may still be packaging the demo episodes (one job at a time): reload until ours is done
	await expect(async () => {
		await page.reload();
		await expect(page.getByText('Verarbeitung fertig')).toBeVisible({ timeout: 1000 });
	}).toPass({ timeout: 240_000, intervals: [2000] });
	await expect(page.getByRole('region', { name: 'Audio' }).locator('audio')).toHaveCount(1);
	expect((await episodeRow(slug)).mediaAssetId).toBeTruthy();
});

test('a cross-site multipart post is refused and queues nothing', async () => {
	expect(slug).not.toBe('');
	const { loginCookie } = await import('../authz');
	const base = process.env.E2E_BASE_URL!;
	const cookie = await loginCookie(base, trainer.email, trainer.password);
	const body = new FormData();
	body.set('audio', new Blob([fs.readFileSync(wav(1))], { type: 'audio/wav' }), 'x.wav');
	const { db, schema } = await import('../../src/lib/server/db');
	const jobs = async () => (await db().select({ id: schema.ingestJobs.id }).from(schema.ingestJobs)).length;
	const before = await jobs();
	const res = await fetch(`${base}/studio/episodes/${slug}?/upload`, { method: 'POST', headers: { cookie, origin: 'https://evil.example' }, body, redirect: 'manual' });
	expect(res.status).toBe(403);
	expect(await jobs()).toBe(before);
});

test('an oversized upload without JavaScript gets 413 with the translated reason; no partial file, live audio kept', async ({ page, browser }) => {
	test.setTimeout(90_000);
	const before = (await episodeRow(slug)).mediaAssetId;
	expect(before).toBeTruthy();
	const media = path.join(process.env.E2E_DIR!, 'media');
	const small = await startServer({ env: { DATABASE_URL: process.env.E2E_DB_URL!, MEDIA_DIR: media, CONTENT_DIR: process.env.CONTENT_DIR ?? e2eContentDir(), MAX_UPLOAD_MB: '1', INGEST_WORKER: '0' } });
	try {
		// the folder is shared with the other worker's tests, which may upload meanwhile: what must not be left is a
		// (partial) copy of this test's payload, whose bytes are all 0x01
		const dir = path.join(media, '.uploads');
		const list = () => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
		const files = new Set(list());
		const leftovers = () =>
			list().filter((f) => {
				if (files.has(f)) return false;
				try {
					const head = fs.readFileSync(path.join(dir, f)).subarray(0, 4096);
					return head.length > 0 && head.every((b) => b === 1);
				} catch {
					return false; // removed meanwhile
				}
			});
		await loginNoJs(page, small.url);
		// a browser declares the length: 1.5 MB is read and thrown away so the browser sees the answer, 20 MB is past
		// adapter-node's BODY_SIZE_LIMIT too; both get the translated page (the cut of a chunked body: multipart.test.ts)
		for (const mb of [1.5, 20]) {
			await page.goto(`${small.url}/studio/episodes/${slug}`);
			await page.getByLabel(/^Audiodatei/).setInputFiles({ name: 'gross.wav', mimeType: 'audio/wav', buffer: Buffer.alloc(mb * 1024 * 1024, 1) });
			const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Hochladen', exact: true }).click()]);
			expect(response.status()).toBe(413);
			await expect(page.getByRole('alert')).toContainText('größer als 1 MB');
			await expect(page.getByRole('alert')).toContainText('Das bisherige Audio bleibt live');
		}
		await expectAccessibleNoJs(page, browser);
		expect(leftovers()).toEqual([]);
		expect((await episodeRow(slug)).mediaAssetId).toBe(before);
	} finally {
		await small.stop();
	}
});
