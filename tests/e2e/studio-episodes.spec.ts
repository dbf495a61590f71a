// A trainer makes an episode in the browser: creates it, uploads a generated WAV (a text file named .wav is
// refused with its reason), watches the ingest job finish live, publishes, and the episode plays on /podcast.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUserInDb, expectAccessible, login, visit } from './helpers';
import { e2eContentDir } from './global-setup';
import { loginCookie } from '../authz';
import { startServer } from '../server';

test.use({ locale: 'de-DE' });
test.describe.configure({ mode: 'serial' });

let published = '';
let trainer: { email: string; password: string; id: string };

function wav(seconds: number): string {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'studioep-')), 'ton.wav');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`, '-ar', '22050', file]);
	return file;
}

test('a trainer creates, uploads, publishes; the episode plays on /podcast', async ({ page }) => {
	// the global server may still be packaging the demo episodes (one job at a time): ours waits in the queue
	test.setTimeout(300_000);
	trainer = await createUserInDb('trainer');
	await login(page, trainer.email, trainer.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	const slug = `studio-folge-${Date.now().toString(36)}`;
	published = slug;

	await visit(page, '/studio/episodes');
	await page.getByLabel('Titel', { exact: true }).fill('Aus dem Studio');
	await page.getByLabel('Adresse (Slug)').fill(slug);
	await page.getByLabel('Nummer').fill('77');
	await page.getByRole('button', { name: 'Folge anlegen' }).click();
	await page.waitForURL(`**/studio/episodes/${slug}?created=1`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aus dem Studio');
	await expect(page.getByTestId('state')).toHaveText('Entwurf');
	await expectAccessible(page);

	// the creator owns it and adds a co-owner by email; an address without a trainer account is refused
	const owners = page.getByRole('region', { name: 'Inhaber:innen' });
	await expect(owners).toContainText('(Sie)');
	const co = await createUserInDb('trainer', { name: 'Co Trainerin' });
	await owners.getByLabel('E-Mail-Adresse des Trainer-Kontos').fill('niemand@example.org');
	await owners.getByRole('button', { name: 'Als Mit-Inhaber:in hinzufügen' }).click();
	await expect(owners.getByRole('alert')).toContainText('kein Trainer-Konto');
	await owners.getByLabel('E-Mail-Adresse des Trainer-Kontos').fill(co.email);
	await owners.getByRole('button', { name: 'Als Mit-Inhaber:in hinzufügen' }).click();
	await expect(owners.getByRole('status')).toHaveText('Hinzugefügt.');
	await expect(owners.getByRole('listitem').filter({ hasText: 'Co Trainerin' })).toContainText('Mit-Inhaber:in');

	// a text file named .wav: refused with its reason, nothing queued
	const audio = page.getByLabel(/^Audiodatei/);
	await audio.setInputFiles({ name: 'kaputt.wav', mimeType: 'audio/wav', buffer: Buffer.from('das ist kein Audio\n'.repeat(50)) });
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('kein lesbares Audio');

	// a real WAV: upload, then the job's progress until it is done, and the studio player appears
	await audio.setInputFiles(wav(4));
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await expect(page.getByText('Verarbeitung fertig')).toBeVisible({ timeout: 240_000 });
	// one state at a time: "uploaded, being processed" is gone once the job is done (issue 13)
	await expect(page.getByText('Hochgeladen. Die Datei wird jetzt verarbeitet.')).toHaveCount(0);
	const studioAudio = page.getByRole('region', { name: 'Audio' }).locator('audio');
	await expect(studioAudio).toBeVisible();
	await expect(page.getByText('Kein Audio')).toHaveCount(0);

	// a chapter at the start, saved with the episode
	await page.getByLabel('Start (Kapitel 1)').fill('0');
	await page.getByLabel('Kapiteltitel (Kapitel 1)').fill('Anfang');
	// "add at current playback time" reads the studio player's position
	await expect.poll(() => studioAudio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 10_000 }).toBeGreaterThan(0);
	await studioAudio.evaluate((a: HTMLAudioElement) => (a.currentTime = 2));
	await page.getByRole('button', { name: 'Kapitel an aktueller Abspielposition' }).click();
	await expect(page.getByLabel('Start (Kapitel 2)')).toHaveValue('0:02');
	await expect(page.getByLabel('Kapiteltitel (Kapitel 2)')).toBeFocused();
	await page.keyboard.type('Mitte');
	await page.getByRole('button', { name: 'Speichern' }).click();
	await expect(page.getByText('Gespeichert.')).toBeVisible();

	await page.getByRole('button', { name: 'Jetzt veröffentlichen' }).click();
	await expect(page.getByText('Die Folge ist veröffentlicht.')).toBeVisible();
	await expect(page.getByTestId('state')).toHaveText('Veröffentlicht');
	await expectAccessible(page);

	await visit(page, `/podcast/${slug}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aus dem Studio');
	await page.getByRole('group', { name: /Audioplayer/ }).getByRole('button', { name: 'Abspielen' }).click();
	await expect.poll(() => page.locator('audio').first().evaluate((a: HTMLAudioElement) => a.currentTime), { timeout: 20_000 }).toBeGreaterThan(1);
});

test('an oversized upload gets 413 with a translated reason, leaves no partial file and keeps the live audio', async () => {
	test.setTimeout(60_000);
	expect(published, 'the first test published an episode with audio').not.toBe('');
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const live = async () => (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, published)))[0].mediaAssetId;
	const before = await live();
	expect(before).toBeTruthy();
	// a second instance on the same database with a 1 MB limit (adapter-node's limit above it, as `npm start` sets)
	const media = path.join(process.env.E2E_DIR!, 'media');
	const small = await startServer({ env: { DATABASE_URL: process.env.E2E_DB_URL!, MEDIA_DIR: media, CONTENT_DIR: process.env.CONTENT_DIR ?? e2eContentDir(), MAX_UPLOAD_MB: '1', INGEST_WORKER: '0' } });
	try {
		const cookie = await loginCookie(small.url, trainer.email, trainer.password);
		const uploads = () => (fs.existsSync(path.join(media, '.uploads')) ? fs.readdirSync(path.join(media, '.uploads')).length : 0);
		const files = uploads();
		const url = `${small.url}/studio/episodes/${published}/upload`;
		const headers = { cookie, 'content-type': 'application/octet-stream', 'accept-language': 'de' };
		// declared too large: refused before reading
		const declared = await fetch(url, { method: 'POST', headers, body: new Uint8Array(1.5 * 1024 * 1024) });
		expect(declared.status).toBe(413);
		expect((await declared.json()).message).toContain('größer als 1 MB');
		// streamed without a length (chunked): cut off while streaming, the partial file deleted
		let sent = 0;
		const body = new ReadableStream<Uint8Array>({
			pull(c) {
				if (sent++ < 24) c.enqueue(new Uint8Array(64 * 1024));
				else c.close();
			}
		});
		// the server answers 413 before the client has finished sending; the client may see that or a reset connection
		const streamed = await fetch(url, { method: 'POST', headers, body, duplex: 'half' } as RequestInit).then(
			async (r) => ({ status: r.status, message: ((await r.json()) as { message: string }).message }),
			(err: Error) => ({ status: 0, message: String((err.cause as Error | undefined)?.message ?? err.message) })
		);
		if (streamed.status) expect(streamed).toEqual({ status: 413, message: expect.stringContaining('Das bisherige Audio bleibt live') });
		else expect(streamed.message).toMatch(/ECONNRESET|EPIPE|other side closed/);
		await expect.poll(uploads).toBe(files);
		expect(await live()).toBe(before);
	} finally {
		await small.stop();
	}
});
