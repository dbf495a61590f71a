// Uploaded sources in MEDIA_DIR/.uploads go when their job ends (packaged, or refused for good), stay while a retry
// can use them, and what nothing needs is swept at start. Real uploads, real ffmpeg, a real libSQL file.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { tone } from '../../../../tests/fixtures/podcast-content';
import { createUser } from '../auth/accounts';
import { db, schema, write } from '../db';
import { acceptAudio, retryIngest } from '../studio-episodes/audio';
import { createEpisode } from '../studio-episodes/episodes';
import { receiveUpload } from '../studio-episodes/upload';
import { config } from '../config';
import { claimJob, runJob } from './jobs';
import { ORPHAN_AGE_MS, sweepUploads, uploadDir } from './sources';

const tmp = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'sources-'));
let n = 0;
async function trainerEpisode() {
	const i = n++;
	const u = await createUser({ email: `sources-${i}@example.org`, password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!u.ok) throw new Error(u.reason);
	const r = await createEpisode(u.user.id, { title: `Quelle ${i}`, slug: `quelle-${i}`, date: '2026-01-01', season: 1, number: i + 1, type: 'full', summary: '', explicit: false, notes: '' });
	if (!r.ok) throw new Error('episode');
	const episode = async () => (await db().select().from(schema.episodes).where(eq(schema.episodes.id, r.id)))[0];
	return { actor: u.user.id, episode };
}

/** Sends `file` through the upload path; returns the server-named file in .uploads and the job. */
async function upload(actor: string, episode: Awaited<ReturnType<Awaited<ReturnType<typeof trainerEpisode>>['episode']>>, bytes: Buffer) {
	const received = await receiveUpload(new Blob([new Uint8Array(bytes)]).stream() as ReadableStream<Uint8Array>);
	if (!received.ok) throw new Error(received.reason);
	expect(path.dirname(received.file)).toBe(uploadDir());
	return { file: received.file, result: await acceptAudio(actor, episode, received.file, received.bytes) };
}
async function runNext() {
	const job = await claimJob();
	if (!job) throw new Error('no job queued');
	await runJob(job);
	return (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.id, job.id)))[0];
}
function wav(seconds: number, frequency = 440) {
	const f = path.join(tmp(), 'ton.wav');
	// a different sample rate each time: different bytes, so no upload is taken for one already packaged
	tone(f, seconds, ['-ar', String(8000 + frequency)]);
	return fs.readFileSync(f);
}

describe('an upload source', () => {
	it('is deleted once its job has packaged it', async () => {
		const { actor, episode } = await trainerEpisode();
		const { file, result } = await upload(actor, await episode(), wav(2));
		expect(result).toMatchObject({ ok: true, jobId: expect.any(String) });
		expect(fs.existsSync(file)).toBe(true); // queued: the job still needs it
		expect(await runNext()).toMatchObject({ status: 'done' });
		expect((await episode()).mediaAssetId).toBeTruthy();
		expect(fs.existsSync(file)).toBe(false);
	}, 60_000);

	it('is deleted when its job fails for good (a truncated file), and the live audio stays', async () => {
		const { actor, episode } = await trainerEpisode();
		await upload(actor, await episode(), wav(2, 300));
		await runNext();
		const live = (await episode()).mediaAssetId;
		const full = wav(20, 500);
		const { file } = await upload(actor, await episode(), full.subarray(0, Math.floor(full.length / 3)));
		expect(await runNext()).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^truncated/) });
		expect(fs.existsSync(file)).toBe(false);
		expect((await episode()).mediaAssetId).toBe(live);
	}, 60_000);

	it('is kept when the failure is the server’s (ffmpeg missing), and goes once the retry has packaged it', async () => {
		const { actor, episode } = await trainerEpisode();
		const { file } = await upload(actor, await episode(), wav(2, 700));
		process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
		try {
			expect(await runNext()).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^ffmpeg_missing/) });
		} finally {
			delete process.env.FFMPEG_PATH;
		}
		expect(fs.existsSync(file)).toBe(true);
		// a sweep at start keeps it too, however old it is: the retry needs it
		fs.utimesSync(file, new Date(Date.now() - 2 * ORPHAN_AGE_MS), new Date(Date.now() - 2 * ORPHAN_AGE_MS));
		await sweepUploads();
		expect(fs.existsSync(file)).toBe(true);
		expect(await retryIngest(actor, (await episode()).id)).toMatchObject({ ok: true });
		expect(await runNext()).toMatchObject({ status: 'done' });
		expect(fs.existsSync(file)).toBe(false);
	}, 60_000);

	it('is deleted at once when the same audio is already packaged, and when a newer upload supersedes it', async () => {
		const { actor, episode } = await trainerEpisode();
		const audio = wav(2, 900);
		await upload(actor, await episode(), audio);
		await runNext();
		const again = await upload(actor, await episode(), audio);
		expect(again.result).toEqual({ ok: true, jobId: null });
		expect(fs.existsSync(again.file)).toBe(false);
		// two uploads before the worker came round: the first is superseded and goes
		const older = await upload(actor, await episode(), wav(2, 1100));
		const newer = await upload(actor, await episode(), wav(2, 1300));
		expect(fs.existsSync(older.file)).toBe(false);
		expect(fs.existsSync(newer.file)).toBe(true);
		expect(await runNext()).toMatchObject({ status: 'done' });
		expect(fs.existsSync(newer.file)).toBe(false);
	}, 60_000);
});

describe('the sweep at start', () => {
	it('deletes old uploads no job needs and dead packaging folders; keeps young files and the sources of open jobs', async () => {
		const { actor, episode } = await trainerEpisode();
		const queued = await upload(actor, await episode(), wav(1, 1500));
		expect(queued.result).toMatchObject({ ok: true });
		const dir = uploadDir();
		const orphan = path.join(dir, 'verwaist.upload'); // e.g. a crash while receiving, or a deleted episode's job
		const young = path.join(dir, 'gerade-empfangen.upload'); // another instance may still be receiving it
		const deadWork = path.join(config.mediaDir, '.work-tot');
		fs.writeFileSync(orphan, 'x'.repeat(1000));
		fs.writeFileSync(young, 'y'.repeat(1000));
		fs.mkdirSync(deadWork, { recursive: true });
		fs.writeFileSync(path.join(deadWork, 'a.pcm'), 'z');
		const old = new Date(Date.now() - 2 * ORPHAN_AGE_MS);
		const ancient = new Date(Date.now() - 24 * 3600_000);
		fs.utimesSync(orphan, old, old);
		fs.utimesSync(queued.file, old, old);
		fs.utimesSync(deadWork, ancient, ancient);
		const swept = await sweepUploads();
		expect(swept.uploads).toBeGreaterThanOrEqual(1);
		expect(fs.existsSync(orphan)).toBe(false);
		expect(fs.existsSync(deadWork)).toBe(false);
		expect(fs.existsSync(young)).toBe(true);
		expect(fs.existsSync(queued.file)).toBe(true);
		// a source outside .uploads (the content folder, a file given to media:ingest) is never the sweep's
		const outside = path.join(tmp(), 'inhalt.wav');
		fs.writeFileSync(outside, wav(1));
		await write((tx) => tx.update(schema.ingestJobs).set({ status: 'done', sourcePath: outside }).where(eq(schema.ingestJobs.id, (queued.result as { jobId: string }).jobId)));
		fs.utimesSync(outside, old, old);
		await sweepUploads();
		expect(fs.existsSync(outside)).toBe(true);
		expect(fs.existsSync(queued.file)).toBe(false); // no job needs it any more
		fs.rmSync(young);
	}, 60_000);
});
