// An uploaded audio file becomes an ingest job: probed first, so a non-audio file is refused at once
// and the episode's live audio (mediaAssetId) is never touched by a bad upload.
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import { audit } from '../audit';
import { db, schema, write } from '../db';
import type { Episode } from '../db/schema';
import { IngestError, probe } from '../media/ffmpeg';
import { assetHash, enqueueIngest, fileHash, latestJobForEpisode, packageMeta } from '../media/jobs';
import { getShow } from '../podcast/episodes';
import { newId } from '../ids';

export type AudioResult = { ok: true; jobId: string | null } | { ok: false; reason: 'not_audio' | 'no_source' };

/** Probes `file` (already on disk, named by the server) and queues packaging; deletes it when it is not audio. */
export async function acceptAudio(actorId: string, episode: Episode, file: string, bytes: number): Promise<AudioResult> {
	let hasAudio = false;
	try {
		const p = await probe(file);
		hasAudio = !!p.audio && p.durationS > 0;
	} catch (err) {
		if (!(err instanceof IngestError)) throw err;
	}
	if (!hasAudio) {
		fs.rmSync(file, { force: true });
		return { ok: false, reason: 'not_audio' };
	}
	return enqueue(actorId, episode, file, 'studio.episode.upload', { bytes });
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

/** Queues the latest job's source again (after a failure, e.g. ffmpeg was missing or the disk was full). */
export async function retryIngest(actorId: string, episodeId: string): Promise<AudioResult> {
	const job = await latestJobForEpisode(episodeId);
	const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.id, episodeId)).limit(1))[0];
	if (!job || !episode || !fs.existsSync(job.sourcePath)) return { ok: false, reason: 'no_source' };
	// the same audio may have been enqueued before with the same hash: a fresh job row is needed for a retry
	return write(async (tx) => {
		const id = newId();
		await tx.insert(schema.ingestJobs).values({ id, episodeId, sourcePath: job.sourcePath, assetHash: job.assetHash, createdAt: Date.now() });
		await audit(actorId, 'studio.episode.retry', episode.slug, { job: id, previous: job.id }, tx);
		return { ok: true as const, jobId: id };
	});
}
