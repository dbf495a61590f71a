// `npm run media:ingest -- FILE --episode SLUG`: packages an audio file for an existing episode, now, in this
// process (the job is recorded like any other, so the studio sees it). Exit code 1 when packaging failed.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { closeDb, db, migrateDb, schema, write } from '../src/lib/server/db';
import { assetHash, enqueueIngest, fileHash, getJobStatus, packageMeta, runJob } from '../src/lib/server/media/jobs';
import { ffmpegAvailable, FFMPEG_INSTALL_HINT, IngestError } from '../src/lib/server/media/ffmpeg';
import { checkSource } from '../src/lib/server/media/package-audio';
import { config } from '../src/lib/server/config';

const args = process.argv.slice(2);
const slug = args[args.indexOf('--episode') + 1];
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--episode');
if (!file || args.indexOf('--episode') === -1 || !slug) {
	console.error('usage: npm run media:ingest -- FILE --episode SLUG');
	process.exit(2);
}
if (!ffmpegAvailable()) {
	console.error(FFMPEG_INSTALL_HINT);
	process.exit(1);
}
await migrateDb();
const episode = (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)).limit(1))[0];
if (!episode) {
	console.error(`no episode "${slug}": import content/podcast first (npm run content:import)`);
	process.exit(1);
}
const show = (await db().select().from(schema.podcastShow).limit(1))[0] ?? null;
const source = path.resolve(file);
// a playlist, concat list or anything else outside an audio container is refused before a job exists
try {
	await checkSource(source, config.maxUploadMb);
} catch (err) {
	if (!(err instanceof IngestError)) throw err;
	console.error(`${slug}: ${file} is refused: ${err.message}`);
	await closeDb();
	process.exit(1);
}
const started = Date.now();
const hash = assetHash(await fileHash(source).catch(() => 'missing'), packageMeta(episode, show));
const jobId = await write((tx) => enqueueIngest(tx, episode.id, source, hash));
if (!jobId) {
	console.log(`${slug}: this audio is already packaged (${hash}); nothing to do.`);
} else {
	// claim exactly this job (another worker may hold others)
	const claimed = await write((tx) =>
		tx.update(schema.ingestJobs).set({ status: 'running', claimedBy: `cli-${process.pid}`, claimedAt: Date.now(), attempts: 1 }).where(eq(schema.ingestJobs.id, jobId)).returning()
	);
	await runJob(claimed[0]);
	const status = await getJobStatus(jobId);
	const secs = (Date.now() - started) / 1000;
	if (status?.status !== 'done') {
		console.error(`${slug}: packaging failed: ${status?.reason}`);
		await closeDb();
		process.exit(1);
	}
	console.log(`${slug}: packaged in ${secs.toFixed(1)} s`);
}
await closeDb();
