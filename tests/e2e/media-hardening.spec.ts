// The media hardening against the built server, over real HTTP (issue 8, items 3, 10, 11, 13):
// - a playlist, concat list or SDP file uploaded through either upload route is "not audio": 400, nothing queued;
// - without ffmpeg a valid upload is kept (503, "the server lacks ffmpeg"), and a retry packages it once ffmpeg is there;
// - SIGTERM to the server and its ffmpeg while packaging: the job goes back to the queue, the next start packages it
//   and sweeps the uploads no job needs.
import { expect, test } from '@playwright/test';
import { createClient, type Client } from '@libsql/client';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makePodcastContent } from '../fixtures/podcast-content';
import { loginCookie } from '../authz';
import { startServer, tempDir } from '../server';
import { e2eContentDir } from './global-setup';
import { createUserInDb } from './helpers';

test.describe.configure({ mode: 'serial' });

const base = () => process.env.E2E_BASE_URL!;
const sharedMedia = () => path.join(process.env.E2E_DIR!, 'media');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'media-hardening-'));
const ff = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', ...args]);

function tone(seconds: number, ext = 'wav'): string {
	const file = path.join(tmp(), `ton.${ext}`);
	ff('-f', 'lavfi', '-i', `sine=frequency=${300 + Math.floor(Math.random() * 500)}:duration=${seconds}`, '-ar', '22050', file);
	return file;
}

/** A trainer and a fresh episode of theirs on the global server's database. */
async function trainerEpisode(prefix: string) {
	const trainer = await createUserInDb('trainer');
	const { createEpisode } = await import('../../src/lib/server/studio-episodes/episodes');
	const slug = `${prefix}-${Date.now().toString(36)}`;
	const r = await createEpisode(trainer.id, { title: 'Härtung', slug, date: '2026-03-01', season: 1, number: 88, type: 'full', summary: '', explicit: false, notes: '' });
	if (!r.ok) throw new Error('episode');
	return { trainer, slug, id: r.id };
}
async function jobsOf(episodeId: string) {
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	return db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, episodeId));
}
async function episodeRow(id: string) {
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	return (await db().select().from(schema.episodes).where(eq(schema.episodes.id, id)))[0];
}
/** Files in the shared upload folder that hold `marker` (other tests upload there meanwhile). */
function uploadsWith(marker: string): string[] {
	const dir = path.join(sharedMedia(), '.uploads');
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir).filter((f) => {
		try {
			return fs.readFileSync(path.join(dir, f)).includes(marker);
		} catch {
			return false;
		}
	});
}

async function rawUpload(baseUrl: string, cookie: string, slug: string, body: Uint8Array | string) {
	const res = await fetch(`${baseUrl}/studio/episodes/${slug}/upload`, {
		method: 'POST',
		headers: { cookie, origin: baseUrl, 'content-type': 'application/octet-stream', accept: 'application/json' },
		body: typeof body === 'string' ? body : new Uint8Array(body)
	});
	return { status: res.status, body: (await res.json()) as { message: string; jobId?: string | null } };
}
async function formUpload(baseUrl: string, cookie: string, slug: string, name: string, bytes: Uint8Array | string) {
	const form = new FormData();
	form.set('audio', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type: 'audio/mpeg' }), name);
	const res = await fetch(`${baseUrl}/studio/episodes/${slug}?/upload`, { method: 'POST', headers: { cookie, origin: baseUrl, accept: 'text/html' }, body: form, redirect: 'manual' });
	return { status: res.status, html: await res.text() };
}

test('a playlist, a concat list or an SDP file is not audio on both upload routes: 400, nothing queued, nothing kept', async () => {
	// generous: the global server packages the demo episodes meanwhile, on the same two cores
	test.setTimeout(300_000);
	// the file a hostile playlist names: with it packaged, anyone could listen to a file of the server's
	const secret = tone(3, 'mp3');
	// made first: a synchronous ffmpeg between two requests blocks this process past the server's keep-alive timeout
	const real = fs.readFileSync(tone(2));
	const { trainer, slug, id } = await trainerEpisode('referenzen');
	const cookie = await loginCookie(base(), trainer.email, trainer.password);
	const marker = `marke-${Date.now().toString(36)}`;
	const files: [string, string][] = [
		['liste.m3u8', `#EXTM3U\n#${marker}\n#EXT-X-TARGETDURATION:10\n#EXT-X-MEDIA-SEQUENCE:0\n#EXTINF:3.0,\n${secret}\n#EXT-X-ENDLIST\n`],
		['folge.mp3', `#EXTM3U\n#${marker}\n#EXT-X-TARGETDURATION:10\n#EXTINF:3.0,\nfile://${secret}\n#EXT-X-ENDLIST\n`],
		['liste.ffconcat', `ffconcat version 1.0\n# ${marker}\nfile ${path.basename(secret)}\nduration 3\n`],
		['mitschnitt.sdp', `v=0\no=- 0 0 IN IP4 127.0.0.1\ns=${marker}\nc=IN IP4 127.0.0.1\nt=0 0\nm=audio 5004 RTP/AVP 97\na=rtpmap:97 L16/48000/1\n`]
	];
	for (const [name, text] of files) {
		const raw = await rawUpload(base(), cookie, slug, text);
		expect(raw.status, name).toBe(400);
		expect(raw.body.message, name).toContain('kein lesbares Audio');
		const form = await formUpload(base(), cookie, slug, name, text);
		expect(form.status, name).toBe(400);
		expect(form.html, name).toContain('kein lesbares Audio');
	}
	expect(await jobsOf(id)).toEqual([]);
	expect((await episodeRow(id)).mediaAssetId).toBeNull();
	expect(uploadsWith(marker)).toEqual([]);
	// real audio still goes through
	const ok = await rawUpload(base(), cookie, slug, real);
	expect(ok.status).toBe(200);
	expect(ok.body.jobId).toEqual(expect.any(String));
});

test('without ffmpeg a valid upload is kept and the trainer is told why; a retry once ffmpeg is there packages it', async () => {
	test.setTimeout(300_000);
	const { trainer, slug, id } = await trainerEpisode('ohne-ffmpeg');
	const shared = { DATABASE_URL: process.env.E2E_DB_URL!, MEDIA_DIR: sharedMedia(), CONTENT_DIR: process.env.CONTENT_DIR ?? e2eContentDir() };
	// made first: a synchronous ffmpeg between two requests blocks this process past the server's keep-alive timeout
	const wav = fs.readFileSync(tone(2));
	const bare = await startServer({ env: { ...shared, FFMPEG_PATH: '/nonexistent/ffmpeg', FFPROBE_PATH: '/nonexistent/ffprobe', INGEST_WORKER: '0' } });
	let kept: string;
	try {
		const cookie = await loginCookie(bare.url, trainer.email, trainer.password);
		const raw = await rawUpload(bare.url, cookie, slug, wav);
		expect(raw.status).toBe(503);
		expect(raw.body.message).toContain('Auf dem Server fehlt ffmpeg');
		expect(raw.body.message).not.toContain('kein lesbares Audio');
		const [job] = await jobsOf(id);
		expect(job).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^ffmpeg_missing/) });
		kept = job.sourcePath;
		expect(fs.readFileSync(kept).equals(wav)).toBe(true);
		// the no-JS form says the same, and the page shows the failure in German with its retry button
		const form = await formUpload(bare.url, cookie, slug, 'ton.wav', wav);
		expect(form.status).toBe(503);
		expect(form.html).toContain('Auf dem Server fehlt ffmpeg');
		const page = await (await fetch(`${bare.url}/studio/episodes/${slug}`, { headers: { cookie } })).text();
		expect(page).toContain('Nicht verarbeitet: Auf dem Server fehlt ffmpeg');
		expect(page).toContain('Erneut verarbeiten');
	} finally {
		await bare.stop();
	}
	// the same database and media with ffmpeg (and a worker of its own, so the demo episodes' queue does not delay it)
	const full = await startServer({ env: shared });
	try {
		const cookie = await loginCookie(full.url, trainer.email, trainer.password);
		const res = await fetch(`${full.url}/studio/episodes/${slug}?/retry`, { method: 'POST', headers: { cookie, origin: full.url, 'content-type': 'application/x-www-form-urlencoded' }, body: '', redirect: 'manual' });
		expect(res.status).toBe(200);
		await expect(async () => expect((await episodeRow(id)).mediaAssetId).toBeTruthy()).toPass({ timeout: 240_000, intervals: [1000] });
		// packaged: the kept upload has done its work and is gone
		await expect(async () => expect(fs.existsSync(kept)).toBe(false)).toPass({ timeout: 10_000 });
	} finally {
		await full.stop();
	}
});

/** ffmpeg processes the server started. */
function childFfmpeg(pid: number): number[] {
	try {
		return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)])
			.toString()
			.split('\n')
			.filter((l) => /\bffmpeg\b/.test(l))
			.map((l) => Number(l.trim().split(/\s+/)[0]));
	} catch {
		return [];
	}
}

test('SIGTERM while packaging: the job goes back to the queue, the next start packages it and sweeps old uploads', async () => {
	test.setTimeout(600_000);
	const dir = tempDir('media-sigterm-');
	const content = makePodcastContent();
	// a long recording, so that the stop surely comes in the middle
	const episodeDir = path.join(content, 'podcast', 'erste-folge');
	fs.rmSync(path.join(episodeDir, 'audio.opus'));
	ff('-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.05:duration=420:sample_rate=48000', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=420:sample_rate=48000', '-filter_complex', 'amix=inputs=2', '-c:a', 'libopus', '-b:a', '32k', path.join(episodeDir, 'audio.opus'));
	const env = { CONTENT_DIR: content };
	const db: Client = createClient({ url: 'file:' + path.join(dir, 'mitsprache.db') });
	const job = async () =>
		(await db.execute(`select j.status, j.percent, j.reason, j.attempts, e.media_asset_id as asset from ingest_jobs j join episodes e on e.id = j.episode_id where e.slug = 'erste-folge' order by j.created_at desc limit 1`)).rows[0] as unknown as
			| { status: string; percent: number; reason: string | null; attempts: number; asset: string | null }
			| undefined;
	try {
		const first = await startServer({ dir, env });
		const pid = first.proc.pid!;
		await expect(async () => expect(await job()).toMatchObject({ status: 'running', percent: expect.any(Number) })).toPass({ timeout: 120_000, intervals: [250] });
		await expect(async () => expect(Number((await job())!.percent)).toBeGreaterThanOrEqual(3)).toPass({ timeout: 120_000, intervals: [250] });
		const ffmpeg = childFfmpeg(pid);
		expect(ffmpeg.length).toBeGreaterThan(0);
		// as systemd stops a service: SIGTERM to every process in it at once
		const t0 = Date.now();
		for (const p of ffmpeg) process.kill(p, 'SIGTERM');
		await first.stop('SIGTERM');
		expect(Date.now() - t0).toBeLessThan(10_000); // a shutdown does not wait for packaging
		const after = (await job())!;
		expect(after.status).toBe('queued');
		expect(after.reason).toBeNull();
		expect(Number(after.attempts)).toBe(0);
		expect(after.asset).toBeNull();
		for (const p of ffmpeg) expect(() => process.kill(p, 0)).toThrow();

		// leftovers of a crash: an upload nobody needs, a packaging folder of a dead process; and one just arrived
		const uploads = path.join(dir, 'media', '.uploads');
		fs.mkdirSync(uploads, { recursive: true });
		const orphan = path.join(uploads, 'verwaist.upload');
		const young = path.join(uploads, 'frisch.upload');
		fs.writeFileSync(orphan, 'alt');
		fs.writeFileSync(young, 'neu');
		const work = path.join(dir, 'media', '.work-tot');
		fs.mkdirSync(work);
		fs.utimesSync(orphan, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
		fs.utimesSync(work, new Date(Date.now() - 24 * 3600_000), new Date(Date.now() - 24 * 3600_000));

		const second = await startServer({ dir, env });
		try {
			expect(fs.existsSync(orphan)).toBe(false);
			expect(fs.existsSync(work)).toBe(false);
			expect(fs.existsSync(young)).toBe(true);
			await expect(async () => expect(await job()).toMatchObject({ status: 'done' })).toPass({ timeout: 480_000, intervals: [1000] });
			const done = (await job())!;
			expect(done.asset).toBeTruthy();
			const res = await fetch(`${second.url}/podcast/erste-folge`);
			expect(res.status).toBe(200);
			const hash = (await db.execute(`select hash from media_assets where id = ?`, [done.asset])).rows[0].hash as string;
			expect((await fetch(`${second.url}/media/${hash}/master.m3u8`)).status).toBe(200);
		} finally {
			await second.stop();
		}
	} finally {
		db.close();
		fs.rmSync(content, { recursive: true, force: true });
	}
});
