// A job interrupted by a shutdown or a crash (SIGTERM/SIGKILL of ffmpeg, a stopped worker) goes back to the queue and
// is packaged by the next run; only the file itself can fail it as "not audio". Real ffmpeg processes, really killed.
// (The whole server stopped with SIGTERM and started again: tests/e2e/media-hardening.spec.ts.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/accounts';
import { config } from '../config';
import { db, schema, write } from '../db';
import { acceptAudio } from '../studio-episodes/audio';
import { createEpisode } from '../studio-episodes/episodes';
import { claimJob, runJob, startWorker } from './jobs';

let long: string;
let n = 0;

beforeAll(() => {
	// 3 minutes of pink noise under a tone: long enough to be caught mid-way on a slow machine
	long = path.join(fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'intr-')), 'lang.flac');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.1:duration=180:sample_rate=44100', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=180:sample_rate=44100', '-filter_complex', 'amix=inputs=2', '-ac', '2', long]);
});

async function queuedJob() {
	const i = n++;
	const u = await createUser({ email: `intr-${i}@example.org`, password: 'ein langes Passwort', displayName: 'Trainerin', role: 'trainer' });
	if (!u.ok) throw new Error(u.reason);
	const r = await createEpisode(u.user.id, { title: `Unterbrochen ${i}`, slug: `unterbrochen-${i}`, date: '2026-01-01', season: 1, number: i + 1, type: 'full', summary: '', explicit: false, notes: '' });
	if (!r.ok) throw new Error('episode');
	const episode = async () => (await db().select().from(schema.episodes).where(eq(schema.episodes.id, r.id)))[0];
	// the upload path takes a copy; each episode its own (the same bytes would link the first one's package)
	const copy = path.join(path.dirname(long), `kopie-${i}.flac`);
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-i', long, '-metadata', `title=${i}`, '-c', 'copy', copy]);
	const res = await acceptAudio(u.user.id, await episode(), copy, fs.statSync(copy).size);
	if (!res.ok || !res.jobId) throw new Error('not queued');
	const jobId = res.jobId;
	return { episode, job: async () => (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.id, jobId)))[0] };
}

/** The ffmpeg processes this test process started. */
function ffmpegChildren(): number[] {
	try {
		return execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)])
			.toString()
			.split('\n')
			.filter((l) => /\bffmpeg\b/.test(l))
			.map((l) => Number(l.trim().split(/\s+/)[0]));
	} catch {
		return []; // ps exits 1 when there are none
	}
}

/** Waits until packaging is under way (ffmpeg running for a moment). */
async function packagingUnderway() {
	const until = Date.now() + 60_000;
	while (ffmpegChildren().length === 0) {
		if (Date.now() > until) throw new Error('ffmpeg never started');
		await new Promise((r) => setTimeout(r, 50));
	}
	await new Promise((r) => setTimeout(r, 400));
	expect(ffmpegChildren().length).toBeGreaterThan(0);
}
/** Kills every ffmpeg child, again and again, until the job's run settles: on a fast machine one kill can land in
 *  the gap between two ffmpeg steps, and the job would simply finish. */
async function killFfmpegUntil(running: Promise<unknown>, signal: NodeJS.Signals) {
	let settled = false;
	void running.finally(() => (settled = true));
	while (!settled) {
		for (const pid of ffmpegChildren()) {
			try {
				process.kill(pid, signal);
			} catch {
				// it ended on its own in between
			}
		}
		await new Promise((r) => setTimeout(r, 20));
	}
}
const leftovers = () => fs.readdirSync(config.mediaDir).filter((f) => /^\.(work|tmp)-/.test(f));

describe('a job interrupted', () => {
	it('by a service stop (SIGTERM to ffmpeg and the server at once) goes back to the queue without using up an attempt', async () => {
		const { episode, job } = await queuedJob();
		const claimed = (await claimJob())!;
		expect(claimed.id).toBe((await job()).id);
		const shutdown = new AbortController();
		const running = runJob(claimed, shutdown.signal);
		await packagingUnderway();
		// what systemd does: SIGTERM to every process of the service; the server's own handler then stops its worker
		for (const pid of ffmpegChildren()) process.kill(pid, 'SIGTERM');
		setTimeout(() => shutdown.abort(), 20);
		await running;
		expect(await job()).toMatchObject({ status: 'queued', reason: null, claimedBy: null, attempts: 0 });
		expect(ffmpegChildren()).toEqual([]);
		expect(leftovers()).toEqual([]);
		// the next instance packages it
		await runJob((await claimJob())!);
		expect(await job()).toMatchObject({ status: 'done', percent: 100 });
		expect((await episode()).mediaAssetId).toBeTruthy();
	}, 180_000);

	it('by a killed ffmpeg while the server runs (SIGKILL, as the OOM killer sends) is queued again, counting the attempt', async () => {
		const { episode, job } = await queuedJob();
		const claimed = (await claimJob())!;
		const running = runJob(claimed);
		await packagingUnderway();
		await killFfmpegUntil(running, 'SIGKILL');
		await running;
		expect(await job()).toMatchObject({ status: 'queued', reason: null, attempts: 1 });
		await runJob((await claimJob())!);
		expect(await job()).toMatchObject({ status: 'done', attempts: 2 });
		expect((await episode()).mediaAssetId).toBeTruthy();
	}, 180_000);

	it('every time gives up after three attempts, as interrupted, never as not audio', async () => {
		const { job } = await queuedJob();
		// its third claim (two interrupted runs before this one)
		const claimed = (await claimJob())!;
		await write((tx) => tx.update(schema.ingestJobs).set({ attempts: 3 }).where(eq(schema.ingestJobs.id, claimed.id)));
		const running = runJob({ ...claimed, attempts: 3 });
		await packagingUnderway();
		await killFfmpegUntil(running, 'SIGKILL');
		await running;
		expect(await job()).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^interrupted: .*gave up after 3 attempts/) });
	}, 180_000);

	it('by stopping the worker: ffmpeg is killed at once, the job is queued again and a new worker packages it', async () => {
		const { episode, job } = await queuedJob();
		const worker = startWorker({ pollMs: 100 });
		await packagingUnderway();
		expect((await job()).status).toBe('running');
		const t0 = Date.now();
		await worker.stop();
		expect(Date.now() - t0).toBeLessThan(5000);
		expect(ffmpegChildren()).toEqual([]);
		expect(await job()).toMatchObject({ status: 'queued', reason: null, attempts: 0 });
		expect(leftovers()).toEqual([]);
		const next = startWorker({ pollMs: 100 });
		await next.idle();
		await next.stop();
		expect(await job()).toMatchObject({ status: 'done' });
		expect((await episode()).mediaAssetId).toBeTruthy();
	}, 240_000);
});
