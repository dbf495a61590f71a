// Without ffmpeg the worker does not start, the log says how to install it, and jobs stay queued. A valid upload is
// not "no readable audio": the trainer is told (in their language) that the server lacks ffmpeg, the log says so,
// and the upload is kept until a retry, once ffmpeg is there, packages it.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, expect, it } from 'vitest';
import { tone } from '../../../../tests/fixtures/podcast-content';
import { createUser } from '../auth/accounts';
import { db, schema } from '../db';
import { t } from '../i18n';
import { locales } from '../../paraglide/runtime';
import { acceptAudio, audioProblem, retryIngest } from '../studio-episodes/audio';
import { createEpisode } from '../studio-episodes/episodes';
import { receiveUpload } from '../studio-episodes/upload';

function withoutFfmpeg() {
	process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
	process.env.FFPROBE_PATH = '/nonexistent/ffprobe';
}
afterEach(() => {
	delete process.env.FFMPEG_PATH;
	delete process.env.FFPROBE_PATH;
});

/** Runs `fn` with the log on, returning what it logged. */
async function logged(fn: () => Promise<void>): Promise<string> {
	const lines: string[] = [];
	const write = process.stdout.write.bind(process.stdout);
	const level = process.env.LOG_LEVEL;
	process.env.LOG_LEVEL = 'info';
	process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
	try {
		await fn();
	} finally {
		process.stdout.write = write;
		process.env.LOG_LEVEL = level;
	}
	return lines.join('');
}

it('logs the install hint and does not run jobs when ffmpeg is missing', async () => {
	withoutFfmpeg();
	const { startWorker } = await import('./jobs');
	const out = await logged(async () => {
		const w = startWorker();
		await w.stop();
	});
	expect(out).toContain('"event":"ffmpeg_missing"');
	expect(out).toContain('apt-get install ffmpeg');
});

it('keeps a valid upload for a retry, says the server lacks ffmpeg (translated) and logs it; the retry packages it once ffmpeg is there', async () => {
	const u = await createUser({ email: 'ohne-ffmpeg@example.org', password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!u.ok) throw new Error(u.reason);
	const created = await createEpisode(u.user.id, { title: 'Ohne ffmpeg', slug: 'ohne-ffmpeg', date: '2026-01-01', season: 1, number: 1, type: 'full', summary: '', explicit: false, notes: '' });
	if (!created.ok) throw new Error('episode');
	const episode = async () => (await db().select().from(schema.episodes).where(eq(schema.episodes.id, created.id)))[0];
	const jobs = async () => db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, created.id));
	const wav = path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'noff-')), 'ton.wav');
	tone(wav, 2); // made with the system's ffmpeg, before it "goes missing"

	withoutFfmpeg();
	const received = await receiveUpload(new Blob([new Uint8Array(fs.readFileSync(wav))]).stream() as ReadableStream<Uint8Array>);
	if (!received.ok) throw new Error(received.reason);
	let result: Awaited<ReturnType<typeof acceptAudio>> | undefined;
	const out = await logged(async () => {
		result = await acceptAudio(u.user.id, await episode(), received.file, received.bytes);
	});
	expect(result).toEqual({ ok: false, reason: 'ffmpeg_missing' });
	expect(out).toContain('"event":"ffmpeg_missing"');
	expect(out).toContain('apt-get install ffmpeg');
	// kept, and recorded as a failure a retry can take up (the studio shows it with its retry button)
	expect(fs.existsSync(received.file)).toBe(true);
	expect(await jobs()).toEqual([expect.objectContaining({ status: 'failed', sourcePath: received.file, reason: expect.stringMatching(/^ffmpeg_missing/) })]);
	expect((await episode()).mediaAssetId).toBeNull();

	// what the trainer reads: the server's problem, in every language; never "no readable audio"
	const problem = audioProblem('ffmpeg_missing');
	expect(problem.status).toBe(503);
	expect(t('de', problem.key)).toContain('Auf dem Server fehlt ffmpeg');
	expect(t('en', problem.key)).toContain('The server lacks ffmpeg');
	for (const locale of locales) {
		expect(t(locale, problem.key)).not.toBe(problem.key);
		expect(t(locale, problem.key)).toContain('ffmpeg');
		expect(t(locale, problem.key)).not.toBe(t(locale, 'studioep_upload_not_audio'));
	}

	// a retry while ffmpeg is still missing changes nothing
	expect(await retryIngest(u.user.id, created.id)).toEqual({ ok: false, reason: 'ffmpeg_missing' });
	expect(await jobs()).toHaveLength(1);
	expect(fs.existsSync(received.file)).toBe(true);

	// ffmpeg installed: the retry probes the kept upload, queues it, and it is packaged
	delete process.env.FFMPEG_PATH;
	delete process.env.FFPROBE_PATH;
	const retried = await retryIngest(u.user.id, created.id);
	expect(retried).toMatchObject({ ok: true, jobId: expect.any(String) });
	const { claimJob, runJob } = await import('./jobs');
	const job = await claimJob();
	expect(job?.id).toBe((retried as { jobId: string }).jobId);
	await runJob(job!);
	expect((await episode()).mediaAssetId).toBeTruthy();
}, 60_000);
