// Ingest jobs live in the database so any instance can claim them; one at a time per process by default.
// A job interrupted by a shutdown goes back to the queue at once; one whose process died (SIGKILL, a crash) is
// re-queued once its claim is stale. Only the file itself (not a signal) can fail a job as not audio.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { config } from '../config';
import { db, schema, write, type Tx } from '../db';
import type { Episode, IngestJob, PodcastShow } from '../db/schema';
import { newId } from '../ids';
import { log, logError } from '../log';
import { ffmpegAvailable, FFMPEG_INSTALL_HINT, IngestError } from './ffmpeg';
import { packageAudio, type PackageMeta } from './package-audio';
import { releaseSources } from './sources';
import { mediaStore, storeHealth, StoreUnavailable } from './store';

/** Bump when the outputs change shape: every episode is packaged again. */
const PIPELINE_VERSION = 'v1';
const MAX_ATTEMPTS = 3;
const WORKER_ID = `${process.pid}-${newId().slice(0, 8)}`;

export function fileHash(file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const h = createHash('sha256');
		fs.createReadStream(file)
			.on('data', (d) => h.update(d))
			.on('error', reject)
			.on('end', () => resolve(h.digest('hex')));
	});
}

export function packageMeta(ep: Pick<Episode, 'title' | 'date' | 'chapters'>, show: Pick<PodcastShow, 'author' | 'title' | 'imagePath'> | null): PackageMeta {
	return {
		title: ep.title,
		artist: show?.author ?? 'Mitsprache',
		album: show?.title ?? 'Mitsprache',
		date: ep.date,
		chapters: JSON.parse(ep.chapters) as PackageMeta['chapters'],
		coverPath: show ? path.join(config.mediaDir, show.imagePath) : null
	};
}

/** The folder name of a package: changes with the audio and with everything written into the MP3's tags. */
export function assetHash(sourceHash: string, meta: PackageMeta): string {
	const tagged = { ...meta, coverPath: meta.coverPath ? path.basename(path.dirname(meta.coverPath)) : null };
	return createHash('sha256').update(`${PIPELINE_VERSION}\n${sourceHash}\n${JSON.stringify(tagged)}`).digest('hex').slice(0, 32);
}

/** Queues packaging unless the same package is live, already built, or already queued. Returns the job id or null. */
export async function enqueueIngest(tx: Tx, episodeId: string, sourcePath: string, hash: string): Promise<string | null> {
	const asset = (await tx.select().from(schema.mediaAssets).where(eq(schema.mediaAssets.hash, hash)).limit(1))[0];
	if (asset) {
		await tx.update(schema.episodes).set({ mediaAssetId: asset.id }).where(eq(schema.episodes.id, episodeId));
		return null;
	}
	const pending = await tx
		.select()
		.from(schema.ingestJobs)
		.where(and(eq(schema.ingestJobs.episodeId, episodeId), inArray(schema.ingestJobs.status, ['queued', 'running'])));
	if (pending.some((j) => j.assetHash === hash)) return pending.find((j) => j.assetHash === hash)!.id;
	// an older queued job for this episode is superseded by the new audio
	for (const j of pending.filter((j) => j.status === 'queued')) {
		await tx.update(schema.ingestJobs).set({ status: 'failed', reason: 'superseded: newer audio was queued', finishedAt: Date.now() }).where(eq(schema.ingestJobs.id, j.id));
	}
	const id = newId();
	await tx.insert(schema.ingestJobs).values({ id, episodeId, sourcePath, assetHash: hash, createdAt: Date.now() });
	wake();
	return id;
}

/** Atomically takes the oldest queued job (one UPDATE … RETURNING: two instances never get the same job). */
export async function claimJob(workerId = WORKER_ID): Promise<IngestJob | null> {
	const now = Date.now();
	const rows = await write((tx) =>
		tx
			.update(schema.ingestJobs)
			.set({ status: 'running', claimedBy: workerId, claimedAt: now, attempts: sql`${schema.ingestJobs.attempts} + 1`, percent: 0 })
			.where(
				and(
					eq(schema.ingestJobs.status, 'queued'),
					eq(schema.ingestJobs.id, sql`(select id from ingest_jobs where status = 'queued' order by created_at limit 1)`)
				)
			)
			.returning()
	);
	return rows[0] ?? null;
}

/** Running jobs whose claim was not refreshed for INGEST_STALE_S (config.ingestStaleMs): their worker died. Re-queued, or failed after 3 tries. */
export async function requeueStale(now = Date.now()): Promise<number> {
	// a read first: an idle worker polls this every few seconds and should not take the write lock each time
	const any = await db().select({ id: schema.ingestJobs.id }).from(schema.ingestJobs).where(and(eq(schema.ingestJobs.status, 'running'), lt(schema.ingestJobs.claimedAt, now - config.ingestStaleMs))).limit(1);
	if (!any.length) return 0;
	return write(async (tx) => {
		const stale = await tx.select().from(schema.ingestJobs).where(and(eq(schema.ingestJobs.status, 'running'), lt(schema.ingestJobs.claimedAt, now - config.ingestStaleMs)));
		for (const j of stale) {
			const giveUp = j.attempts >= MAX_ATTEMPTS;
			await tx
				.update(schema.ingestJobs)
				.set(giveUp ? { status: 'failed', reason: `gave up after ${j.attempts} attempts`, finishedAt: now } : { status: 'queued', claimedBy: null, claimedAt: null })
				.where(and(eq(schema.ingestJobs.id, j.id), eq(schema.ingestJobs.status, 'running')));
		}
		return stale.length;
	});
}

/**
 * Puts an interrupted job back in the queue. A shutdown (`counted` false) does not use up an attempt; an ffmpeg killed
 * while the server ran (out of memory, a crash) does, so a file that kills ffmpeg every time fails after MAX_ATTEMPTS.
 */
async function requeueInterrupted(job: IngestJob, reason: string, counted: boolean): Promise<'queued' | 'failed'> {
	const giveUp = counted && job.attempts >= MAX_ATTEMPTS;
	const now = Date.now();
	await write((tx) =>
		tx
			.update(schema.ingestJobs)
			.set(
				giveUp
					? { status: 'failed', reason: `${reason} (gave up after ${job.attempts} attempts)`.slice(0, 1000), finishedAt: now }
					: { status: 'queued', claimedBy: null, claimedAt: null, percent: 0, attempts: counted ? job.attempts : Math.max(0, job.attempts - 1) }
			)
			.where(and(eq(schema.ingestJobs.id, job.id), eq(schema.ingestJobs.status, 'running')))
	);
	return giveUp ? 'failed' : 'queued';
}

/**
 * Packages one claimed job. Aborting `signal` (a shutdown) kills its ffmpeg processes and queues the job again.
 * Returns 'store_unavailable' when the media store could not take the package: the job is queued again (not counted
 * as an attempt) and its source kept, and the worker waits before it claims again.
 */
export async function runJob(job: IngestJob, signal?: AbortSignal): Promise<'store_unavailable' | void> {
	const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.id, job.episodeId)).limit(1))[0];
	const show = (await db().select().from(schema.podcastShow).limit(1))[0] ?? null;
	const finish = (fields: Partial<IngestJob>) =>
		write((tx) => tx.update(schema.ingestJobs).set({ ...fields, finishedAt: Date.now() }).where(eq(schema.ingestJobs.id, job.id)));
	if (!episode) {
		await finish({ status: 'failed', reason: 'missing: the episode no longer exists' });
		await releaseSources(job.episodeId, [job.sourcePath]);
		return;
	}
	const store = mediaStore();
	const tmpDir = path.join(config.mediaDir, `.tmp-${job.assetHash}-${newId().slice(0, 6)}`);
	let lastWrite = 0;
	try {
		fs.mkdirSync(config.mediaDir, { recursive: true });
		const meta = packageMeta(episode, show);
		// the cover goes into the MP3's tags: ffmpeg needs it as a local file (a copy when the store is a bucket)
		if (show) meta.coverPath = await store.localCopy(show.imagePath, `${tmpDir}-cover`);
		const result = await packageAudio(job.sourcePath, tmpDir, meta, {
			maxMb: config.maxUploadMb,
			signal,
			onProgress: (percent) => {
				const now = Date.now();
				if (now - lastWrite < 1000) return;
				lastWrite = now;
				// the progress write also refreshes the claim, so a live job is never taken for stale
				void write((tx) => tx.update(schema.ingestJobs).set({ percent, claimedAt: now }).where(and(eq(schema.ingestJobs.id, job.id), eq(schema.ingestJobs.status, 'running')))).catch(() => undefined);
			}
		});
		// segments first, playlists last: a listener never finds a playlist whose files are not there yet
		await store.publishDir(tmpDir, job.assetHash);
		const sourceBytes = fs.statSync(job.sourcePath).size;
		await write(async (tx) => {
			const assetId = newId();
			await tx
				.insert(schema.mediaAssets)
				.values({ id: assetId, hash: job.assetHash, sourceHash: await fileHash(job.sourcePath), durationMs: result.durationMs, mp3Bytes: result.mp3Bytes, hlsBytes: result.hlsBytes, sourceBytes, inputLufs: result.inputLufs, peaks: JSON.stringify(result.peaks), createdAt: Date.now() })
				.onConflictDoNothing();
			const asset = (await tx.select({ id: schema.mediaAssets.id }).from(schema.mediaAssets).where(eq(schema.mediaAssets.hash, job.assetHash)))[0];
			await tx.update(schema.episodes).set({ mediaAssetId: asset.id }).where(eq(schema.episodes.id, job.episodeId));
			await tx.update(schema.ingestJobs).set({ status: 'done', percent: 100, finishedAt: Date.now() }).where(eq(schema.ingestJobs.id, job.id));
		});
		fs.rmSync(`${tmpDir}-cover`, { recursive: true, force: true });
		log('ingest_done', { job: job.id, episode: episode.slug, seconds: result.durationMs / 1000, analysisMs: result.timing.analysisMs, encodeMs: result.timing.encodeMs });
	} catch (err) {
		fs.rmSync(tmpDir, { recursive: true, force: true });
		fs.rmSync(`${tmpDir}-cover`, { recursive: true, force: true });
		if (err instanceof StoreUnavailable) {
			// nothing is wrong with the file: queued again without using up an attempt, the source stays
			await requeueInterrupted(job, err.message, false);
			log('ingest_waiting_for_store', { job: job.id, episode: episode.slug, reason: err.message });
			return 'store_unavailable';
		}
		const reason = err instanceof IngestError ? err.message : `ffmpeg_failed: ${(err as Error).message}`;
		if (err instanceof IngestError && err.code === 'interrupted') {
			// A SIGTERM to the whole service reaches ffmpeg and this process at about the same time: give the
			// shutdown a moment to show itself, so that it does not count as an attempt.
			if (!signal?.aborted) await new Promise((r) => setTimeout(r, 2000));
			const shutdown = !!signal?.aborted;
			const state = await requeueInterrupted(job, reason, !shutdown);
			log('ingest_interrupted', { job: job.id, episode: episode.slug, shutdown, state, reason });
			return;
		}
		// the episode keeps pointing at its previous package: the old audio stays live
		await finish({ status: 'failed', reason: reason.slice(0, 1000) });
		if (err instanceof IngestError) log('ingest_failed', { job: job.id, episode: episode.slug, reason });
		else logError('ingest_failed', err, { job: job.id, episode: episode.slug });
	}
	// the upload is deleted once packaged or refused; kept while a retry can still use it
	await releaseSources(job.episodeId).catch((err) => logError('upload_source_release', err, { job: job.id }));
}

async function hasQueued(): Promise<boolean> {
	return (await db().select({ id: schema.ingestJobs.id }).from(schema.ingestJobs).where(eq(schema.ingestJobs.status, 'queued')).limit(1)).length > 0;
}

let wakeUp: (() => void) | null = null;
function wake() {
	wakeUp?.();
}

export interface Worker {
	stop(): Promise<void>;
	/** resolves when no job is queued or running in this worker */
	idle(): Promise<void>;
}

/** Claims and runs jobs until stopped. Never awaited by server start: packaging happens in the background. */
export function startWorker(opts: { pollMs?: number; backoffMs?: number } = {}): Worker {
	let stopped = false;
	let busy: Promise<void> = Promise.resolve();
	// stop() aborts the running job: its ffmpeg processes are killed and the job is queued again
	const abort = new AbortController();
	if (!ffmpegAvailable()) {
		log('ffmpeg_missing', { hint: FFMPEG_INSTALL_HINT });
		return { stop: async () => undefined, idle: async () => undefined };
	}
	// while the media store is down: wait 1 s, 2 s, 4 s … up to a minute before claiming again
	let backoffMs = 0;
	const loop = async () => {
		while (!stopped) {
			try {
				await requeueStale();
				const queued = await hasQueued();
				const storeOk = !queued || (await storeHealth(backoffMs > 0)).ok;
				if (!storeOk) {
					backoffMs = Math.min(Math.max(opts.backoffMs ?? 1000, backoffMs * 2), 60_000);
					log('ingest_waiting_for_store', { retryInMs: backoffMs });
				}
				const job = queued && storeOk ? await claimJob() : null;
				if (job) {
					const run = runJob(job, abort.signal);
					busy = run.then(() => undefined);
					if ((await run) === 'store_unavailable') backoffMs = Math.min(Math.max(opts.backoffMs ?? 1000, backoffMs * 2), 60_000);
					else {
						backoffMs = 0;
						continue;
					}
				} else if (storeOk) backoffMs = 0;
			} catch (err) {
				logError('ingest_worker', err);
			}
			await new Promise<void>((resolve) => {
				const t = setTimeout(resolve, backoffMs || (opts.pollMs ?? 5000));
				wakeUp = () => {
					clearTimeout(t);
					resolve();
				};
			});
		}
	};
	const running = loop();
	return {
		stop: async () => {
			stopped = true;
			abort.abort();
			wake();
			await running;
		},
		idle: async () => {
			for (;;) {
				await busy;
				const open = await db().select({ id: schema.ingestJobs.id }).from(schema.ingestJobs).where(inArray(schema.ingestJobs.status, ['queued', 'running'])).limit(1);
				if (!open.length) return;
				await new Promise((r) => setTimeout(r, 200));
			}
		}
	};
}

export async function getJobStatus(id: string): Promise<Pick<IngestJob, 'id' | 'status' | 'percent' | 'reason' | 'episodeId'> | null> {
	const r = await db()
		.select({ id: schema.ingestJobs.id, status: schema.ingestJobs.status, percent: schema.ingestJobs.percent, reason: schema.ingestJobs.reason, episodeId: schema.ingestJobs.episodeId })
		.from(schema.ingestJobs)
		.where(eq(schema.ingestJobs.id, id))
		.limit(1);
	return r[0] ?? null;
}

/** Polls a job until it is done or failed, yielding each change: the studio streams this as SSE. */
export async function* watchJob(id: string, intervalMs = 500, signal?: AbortSignal) {
	let last = '';
	while (!signal?.aborted) {
		const s = await getJobStatus(id);
		if (!s) return;
		const key = `${s.status}:${s.percent}`;
		if (key !== last) {
			last = key;
			yield s;
		}
		if (s.status === 'done' || s.status === 'failed') return;
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

export async function latestJobForEpisode(episodeId: string) {
	return (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, episodeId)).orderBy(sql`${schema.ingestJobs.createdAt} desc`).limit(1))[0] ?? null;
}

