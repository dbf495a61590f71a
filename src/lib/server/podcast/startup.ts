// Podcast start work: import content/podcast (fast: hashes and front matter) and start the ingest worker in the
// background. Packaging never delays the server's start.
import { config } from '../config';
import { log, logError } from '../log';
import { startWorker, type Worker } from '../media/jobs';
import { importPodcast } from './import';

let workers: Worker[] = [];

export async function startPodcast(): Promise<void> {
	try {
		const report = await importPodcast(config.contentDir);
		log('podcast_import', { imported: report.imported, unchanged: report.unchanged, queued: report.queued.length, errors: report.errors.length });
		for (const e of report.errors) log('content_error', { file: e.file, line: e.line, reason: e.reason });
	} catch (err) {
		logError('podcast_import_failed', err);
	}
	if (process.env.INGEST_WORKER === '0') return;
	const n = Math.max(1, Number(process.env.INGEST_CONCURRENCY ?? 1) || 1);
	workers = Array.from({ length: n }, () => startWorker());
	process.once('sveltekit:shutdown', () => void Promise.all(workers.map((w) => w.stop())));
}
