// Podcast start work: import content/podcast (fast: hashes and front matter), sweep uploads no job needs, and start
// the ingest worker in the background. Packaging never delays the server's start, and a shutdown never waits for it:
// the running job is stopped and queued again for the next instance.
import { config } from '../config';
import { log, logError } from '../log';
import { startWorker, type Worker } from '../media/jobs';
import { sweepUploads } from '../media/sources';
import { importPodcast } from './import';

let workers: Worker[] = [];
let stopping: Promise<void> | undefined;

export async function startPodcast(): Promise<void> {
	try {
		const report = await importPodcast(config.contentDir);
		log('podcast_import', { imported: report.imported, unchanged: report.unchanged, queued: report.queued.length, errors: report.errors.length });
		for (const e of report.errors) log('content_error', { file: e.file, line: e.line, reason: e.reason });
	} catch (err) {
		logError('podcast_import_failed', err);
	}
	try {
		const swept = await sweepUploads();
		if (swept.uploads || swept.work) log('media_swept', swept);
	} catch (err) {
		logError('media_sweep_failed', err);
	}
	if (process.env.INGEST_WORKER === '0') return;
	const n = Math.max(1, Number(process.env.INGEST_CONCURRENCY ?? 1) || 1);
	workers = Array.from({ length: n }, () => startWorker());
	// adapter-node emits sveltekit:shutdown only once open connections have closed (up to SHUTDOWN_TIMEOUT): the
	// workers stop on the signal itself, so that ffmpeg is not left running meanwhile
	process.once('SIGTERM', onSignal);
	process.once('SIGINT', onSignal);
}

function onSignal(signal: NodeJS.Signals) {
	void stopPodcast().then(() => {
		// nobody else handles it (not under adapter-node): end the process as the signal would have
		if (process.listenerCount(signal) === 0) process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
	});
}

/** Stops the ingest workers; a running job is queued again. Safe to call more than once. */
export function stopPodcast(): Promise<void> {
	stopping ??= Promise.all(workers.map((w) => w.stop())).then(() => undefined);
	return stopping;
}
