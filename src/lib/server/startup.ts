// What the server does once before it takes requests: migrate the database, start workers, close on shutdown.
import { closeDb, migrateDb } from './db';
import { log, logError } from './log';
import { config } from './config';
import { importCourses } from './courses/import';
import { startPodcast, stopPodcast } from './podcast/startup';
import { importGlossary } from './glossary/import';
import { mediaStore, storeHealth } from './media/store';

let started: Promise<void> | undefined;

export function startup(): Promise<void> {
	started ??= (async () => {
		await migrateDb();
		// a media store that does not answer does not stop the site: it says so here and on /healthz
		try {
			const media = await storeHealth(true);
			log(media.ok ? 'media_store' : 'media_store_unavailable', { store: mediaStore().kind, reason: media.reason });
		} catch (err) {
			logError('media_store_unavailable', err);
		}
		// content/ → database; only the tree hash is compared when nothing changed
		try {
			const report = await importCourses(config.contentDir);
			log('content_import', { imported: report.imported, unchanged: report.unchanged, archived: report.archived, variants: report.variants, errors: report.errors.length, warnings: report.warnings.length });
			for (const e of report.errors) log('content_error', { file: e.file, line: e.line, reason: e.reason });
			for (const n of report.notices) log('content_notice', { file: n.file, reason: n.reason });
		} catch (err) {
			logError('content_import_failed', err);
		}
		try {
			const report = await importGlossary(config.contentDir);
			log('glossary_import', { imported: report.imported, unchanged: report.unchanged, removed: report.removed, errors: report.errors.length });
			for (const e of report.errors) log('content_error', { file: e.file, line: e.line, reason: e.reason });
		} catch (err) {
			logError('glossary_import_failed', err);
		}
		// podcast content import (awaited, quick) and the ingest worker (background)
		await startPodcast().catch((err) => logError('podcast_start_failed', err));
		process.once('sveltekit:shutdown', async (reason: string) => {
			log('shutdown', { reason });
			// a job interrupted by the shutdown is written back to the queue before the database closes
			await stopPodcast();
			await closeDb();
		});
		log('ready');
	})();
	return started;
}
