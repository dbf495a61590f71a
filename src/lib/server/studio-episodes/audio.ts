// An uploaded audio file becomes an ingest job: probed first, so a file that is not audio in an audio container
// (a playlist, a concat list, an SDP file, text) is refused before a job exists, and the episode's live audio
// (mediaAssetId) is never touched by a bad upload. Without ffprobe the upload is kept for a retry.
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import { audit } from '../audit';
import { db, schema, write } from '../db';
import type { Episode } from '../db/schema';
import { FFMPEG_INSTALL_HINT, IngestError, probe } from '../media/ffmpeg';
import { assetHash, enqueueIngest, fileHash, latestJobForEpisode, packageMeta } from '../media/jobs';
import { isUploadSource, releaseSources } from '../media/sources';
import { getShow } from '../podcast/episodes';
import { newId } from '../ids';
import { log } from '../log';

export type AudioResult = { ok: true; jobId: string | null } | { ok: false; reason: 'not_audio' | 'no_source' | 'ffmpeg_missing' | 'interrupted' };

/**
 * Whether `file` holds audio ffprobe can read from an audio container. Throws IngestError 'ffmpeg_missing' (ffprobe
 * cannot run) and 'interrupted' (ffprobe was killed): neither says anything about the file.
 */
async function isAudio(file: string): Promise<boolean> {
	try {
		const p = await probe(file);
		return !!p.audio && p.durationS > 0;
	} catch (err) {
		if (err instanceof IngestError && err.code === 'not_audio') return false;
		throw err;
	}
}

/** Probes `file` (already on disk, named by the server) and queues packaging; deletes it when it is not audio. */
export async function acceptAudio(actorId: string, episode: Episode, file: string, bytes: number): Promise<AudioResult> {
	let audio: boolean;
	try {
		audio = await isAudio(file);
	} catch (err) {
		if (err instanceof IngestError && err.code === 'ffmpeg_missing') return keepForRetry(actorId, episode, file, bytes, err.message);
		fs.rmSync(file, { force: true });
		if (err instanceof IngestError && err.code === 'interrupted') return { ok: false, reason: 'interrupted' };
		throw err;
	}
	if (!audio) {
		fs.rmSync(file, { force: true });
		return { ok: false, reason: 'not_audio' };
	}
	const r = await enqueue(actorId, episode, file, 'studio.episode.upload', { bytes });
	// the same audio already packaged or queued (no job took this file), or a queued upload superseded: not needed
	await releaseSources(episode.id, [file]);
	return r;
}

async function enqueue(actorId: string, episode: Episode, file: string, action: string, detail: Record<string, unknown>): Promise<AudioResult> {
	const hash = assetHash(await fileHash(file), packageMeta(episode, await getShow()));
	const jobId = await write(async (tx) => {
		const id = await enqueueIngest(tx, episode.id, file, hash);
		await audit(actorId, action, episode.slug, { ...detail, job: id }, tx);
		return id;
	});
	return { ok: true, jobId };
}

/**
 * ffprobe cannot run here: the upload is kept as a failed job ("ffmpeg_missing"), which the studio shows with its
 * retry button; once ffmpeg is installed, the retry probes and queues it. The episode's live audio stays.
 */
async function keepForRetry(actorId: string, episode: Episode, file: string, bytes: number, reason: string): Promise<AudioResult> {
	log('ffmpeg_missing', { episode: episode.slug, upload: 'kept for a retry', hint: FFMPEG_INSTALL_HINT });
	const hash = assetHash(await fileHash(file), packageMeta(episode, await getShow()));
	await write(async (tx) => {
		const id = newId();
		const now = Date.now();
		await tx.insert(schema.ingestJobs).values({ id, episodeId: episode.id, sourcePath: file, assetHash: hash, status: 'failed', reason: reason.slice(0, 1000), createdAt: now, finishedAt: now });
		await audit(actorId, 'studio.episode.upload', episode.slug, { bytes, job: id, reason: 'ffmpeg_missing' }, tx);
	});
	return { ok: false, reason: 'ffmpeg_missing' };
}

/** Queues the latest job's source again (after a failure, e.g. ffmpeg was missing or the disk was full). */
export async function retryIngest(actorId: string, episodeId: string): Promise<AudioResult> {
	const job = await latestJobForEpisode(episodeId);
	const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.id, episodeId)).limit(1))[0];
	if (!job || !episode || !fs.existsSync(job.sourcePath)) return { ok: false, reason: 'no_source' };
	// a source kept while ffmpeg was missing has never been probed: it must be audio before a job is queued
	try {
		if (!(await isAudio(job.sourcePath))) {
			if (isUploadSource(job.sourcePath)) fs.rmSync(job.sourcePath, { force: true });
			return { ok: false, reason: 'not_audio' };
		}
	} catch (err) {
		if (!(err instanceof IngestError)) throw err;
		if (err.code === 'ffmpeg_missing') log('ffmpeg_missing', { episode: episode.slug, retry: 'refused', hint: FFMPEG_INSTALL_HINT });
		return { ok: false, reason: err.code === 'ffmpeg_missing' ? 'ffmpeg_missing' : 'interrupted' };
	}
	// the same audio may have been enqueued before with the same hash: a fresh job row is needed for a retry
	return write(async (tx) => {
		const id = newId();
		await tx.insert(schema.ingestJobs).values({ id, episodeId, sourcePath: job.sourcePath, assetHash: job.assetHash, createdAt: Date.now() });
		await audit(actorId, 'studio.episode.retry', episode.slug, { job: id, previous: job.id }, tx);
		return { ok: true as const, jobId: id };
	});
}

/** The answer to a refused upload or retry: HTTP status and message key (ffmpeg missing is the server's fault). */
export function audioProblem(reason: Extract<AudioResult, { ok: false }>['reason'], retry = false): { status: 400 | 503; key: string } {
	switch (reason) {
		case 'ffmpeg_missing':
			return { status: 503, key: retry ? 'hardeningmedia_ffmpeg_missing_retry' : 'hardeningmedia_ffmpeg_missing' };
		case 'interrupted':
			return { status: 503, key: 'hardeningmedia_probe_interrupted' };
		case 'no_source':
			return { status: 400, key: 'studioep_retry_impossible' };
		default:
			return { status: 400, key: 'studioep_upload_not_audio' };
	}
}
