// Uploaded audio waits for packaging in MEDIA_DIR/.uploads. A source stays while a job may still read it (queued,
// running, or the episode's latest job failed for a reason a retry can fix) and is deleted when its job ends
// otherwise; what is left over (a crash, a deleted episode) is swept at start. Sources outside .uploads (the content
// folder, a file given to `npm run media:ingest`) belong to someone else and are never deleted.
import { and, eq, inArray, sql } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { db, schema } from '../db';
import { log } from '../log';

/** A file there younger than this may be an upload another instance is still receiving or probing. */
export const ORPHAN_AGE_MS = 60 * 60 * 1000;
/** Packaging folders (.work-*, .tmp-*) untouched this long belong to a process that died. */
const WORK_AGE_MS = 6 * 60 * 60 * 1000;

export function uploadDir(): string {
	return path.join(config.mediaDir, '.uploads');
}

/** Whether `file` is an upload the server named (directly in .uploads), and so the server's to delete. */
export function isUploadSource(file: string): boolean {
	return path.dirname(path.resolve(file)) === uploadDir();
}

/** Failures a retry can fix, the file being fine: ffmpeg missing or failing, packaging interrupted too often. */
export function retryableFailure(reason: string | null): boolean {
	return /^(ffmpeg_missing|ffmpeg_failed|interrupted|gave up)/.test(reason ?? '');
}

/** Sources a job may still read: those of open jobs, and of each episode's latest job when it failed retryably. */
async function neededSources(): Promise<Set<string>> {
	const j = schema.ingestJobs;
	const open = await db().select({ sourcePath: j.sourcePath }).from(j).where(inArray(j.status, ['queued', 'running']));
	const latestFailed = await db()
		.select({ sourcePath: j.sourcePath, reason: j.reason })
		.from(j)
		.where(and(eq(j.status, 'failed'), sql`${j.createdAt} = (select max(l.created_at) from ingest_jobs l where l.episode_id = ${j.episodeId})`));
	return new Set([...open.map((r) => r.sourcePath), ...latestFailed.filter((r) => retryableFailure(r.reason)).map((r) => r.sourcePath)]);
}

function remove(file: string, why: string): boolean {
	try {
		fs.rmSync(file, { force: true });
		log('upload_source_removed', { file: path.basename(file), why });
		return true;
	} catch {
		return false;
	}
}

/**
 * After a job of `episodeId` ended or was queued: deletes that episode's uploaded sources no job needs any more
 * (a package was built, the file was refused, a newer upload superseded it), and the `extra` files (an upload that
 * turned out to be already packaged or queued).
 */
export async function releaseSources(episodeId: string, extra: string[] = []): Promise<number> {
	const j = schema.ingestJobs;
	const rows = await db().selectDistinct({ sourcePath: j.sourcePath }).from(j).where(eq(j.episodeId, episodeId));
	const candidates = new Set([...rows.map((r) => r.sourcePath), ...extra].filter(isUploadSource));
	if (!candidates.size) return 0;
	const needed = await neededSources();
	let removed = 0;
	for (const file of candidates) if (!needed.has(file) && fs.existsSync(file) && remove(file, 'job_ended')) removed++;
	return removed;
}

/** At start: deletes uploads no job needs (older than ORPHAN_AGE_MS) and packaging folders of dead processes. */
export async function sweepUploads(now = Date.now()): Promise<{ uploads: number; work: number }> {
	const swept = { uploads: 0, work: 0 };
	const dir = uploadDir();
	if (fs.existsSync(dir)) {
		const needed = await neededSources();
		for (const name of fs.readdirSync(dir)) {
			const file = path.join(dir, name);
			let st: fs.Stats;
			try {
				st = fs.statSync(file);
			} catch {
				continue; // removed meanwhile
			}
			if (!st.isFile() || now - st.mtimeMs < ORPHAN_AGE_MS || needed.has(file)) continue;
			if (remove(file, 'orphan')) swept.uploads++;
		}
	}
	if (fs.existsSync(config.mediaDir)) {
		for (const e of fs.readdirSync(config.mediaDir, { withFileTypes: true })) {
			if (!e.isDirectory() || !/^\.(work|tmp)-/.test(e.name)) continue;
			const folder = path.join(config.mediaDir, e.name);
			try {
				if (now - fs.statSync(folder).mtimeMs < WORK_AGE_MS) continue;
				fs.rmSync(folder, { recursive: true, force: true });
				swept.work++;
			} catch {
				/* removed meanwhile */
			}
		}
	}
	return swept;
}
