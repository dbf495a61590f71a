// A trainer makes an episode in the browser: creates it, uploads a generated WAV (a text file named .wav is
// refused with its reason), watches the ingest job finish live, publishes, and the episode plays on /podcast.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createUserInDb, expectAccessible, login, visit } from './helpers';

test.use({ locale: 'de-DE' });

function wav(seconds: number): string {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'studioep-')), 'ton.wav');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`, '-ar', '22050', file]);
	return file;
}

test('a trainer creates, uploads, publishes; the episode plays on /podcast', async ({ page }) => {
	test.setTimeout(120_000);
	const trainer = await createUserInDb('trainer');
	await login(page, trainer.email, trainer.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	const slug = `studio-folge-${Date.now().toString(36)}`;

	await visit(page, '/studio/episodes');
	await page.getByLabel('Titel', { exact: true }).fill('Aus dem Studio');
	await page.getByLabel('Adresse (Slug)').fill(slug);
	await page.getByLabel('Nummer').fill('77');
	await page.getByRole('button', { name: 'Folge anlegen' }).click();
	await page.waitForURL(`**/studio/episodes/${slug}?created=1`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aus dem Studio');
	await expect(page.getByTestId('state')).toHaveText('Entwurf');
	await expectAccessible(page);

	// a text file named .wav: refused with its reason, nothing queued
	const audio = page.getByLabel(/^Audiodatei/);
	await audio.setInputFiles({ name: 'kaputt.wav', mimeType: 'audio/wav', buffer: Buffer.from('das ist kein Audio\n'.repeat(50)) });
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await expect(page.getByRole('alert')).toContainText('kein lesbares Audio');

	// a real WAV: upload, then the job's progress until it is done, and the studio player appears
	await audio.setInputFiles(wav(4));
	await page.getByRole('button', { name: 'Hochladen', exact: true }).click();
	await expect(page.getByText('Verarbeitung fertig')).toBeVisible({ timeout: 60_000 });
	const studioAudio = page.getByRole('region', { name: 'Audio' }).locator('audio');
	await expect(studioAudio).toBeVisible();
	await expect(page.getByText('Kein Audio')).toHaveCount(0);

	// a chapter at the start, saved with the episode
	await page.getByLabel('Start (Kapitel 1)').fill('0');
	await page.getByLabel('Kapiteltitel (Kapitel 1)').fill('Anfang');
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
