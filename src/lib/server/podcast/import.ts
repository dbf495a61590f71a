// Imports content/podcast/ (show.md, <episode>/episode.md + audio + transcript.vtt) into the database.
// Idempotent: unchanged files are skipped; a broken file is refused with file and line and the last good state stays.
// Changed audio queues an ingest job; import itself never waits for packaging.
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { renderMarkdown } from '../../content/markdown';
import { config } from '../config';
import { db, schema, write } from '../db';
import type { PodcastShow } from '../db/schema';
import { newId } from '../ids';
import { imageInfo } from '../media/image-size';
import { IngestError, looksLikeAudioContainer } from '../media/ffmpeg';
import { assetHash, enqueueIngest, fileHash, packageMeta } from '../media/jobs';
import { checkSource } from '../media/package-audio';
import { mediaStore } from '../media/store';
import { parseEpisode, parseShow, type ContentProblem } from './parse';
import { parseVtt } from './vtt';

export interface PodcastImportReport {
	imported: number;
	unchanged: number;
	errors: ContentProblem[];
	/** ingest jobs queued by this import */
	queued: string[];
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** `dir` is the content root (with a `podcast/` folder) or the podcast folder itself. */
export function podcastDir(dir: string): string {
	return fs.existsSync(path.join(dir, 'podcast')) ? path.join(dir, 'podcast') : dir;
}

async function importShow(root: string, report: PodcastImportReport): Promise<PodcastShow | null> {
	const file = path.join(root, 'show.md');
	const rel = path.relative(process.cwd(), file);
	const current = (await db().select().from(schema.podcastShow).limit(1))[0] ?? null;
	if (!fs.existsSync(file)) {
		report.errors.push({ file: rel, line: 1, reason: 'show.md is missing: the feed needs a title, description and cover' });
		return current;
	}
	const src = fs.readFileSync(file, 'utf8');
	const meta = parseShow(src, rel, report.errors);
	if (!meta) return current;
	const imgFile = path.join(root, meta.image);
	const line = src.split('\n').findIndex((l) => l.startsWith('image:')) + 1;
	if (!fs.existsSync(imgFile)) {
		report.errors.push({ file: rel, line, reason: `image: ${meta.image} does not exist beside show.md` });
		return current;
	}
	const img = fs.readFileSync(imgFile);
	const info = imageInfo(img);
	if (!info || info.width !== info.height || info.width < 1400 || info.width > 3000) {
		const what = info ? `${info.width}×${info.height} px` : 'not a PNG or JPEG';
		report.errors.push({ file: rel, line, reason: `image: ${meta.image} is ${what}; podcast apps need a square PNG or JPEG of 1400–3000 px` });
		return current;
	}
	const imgHash = sha(img).slice(0, 32);
	const hash = sha(src + imgHash);
	if (current?.contentHash === hash) {
		report.unchanged++;
		return current;
	}
	const ext = info.type === 'image/png' ? 'png' : 'jpg';
	const imagePath = `${imgHash}/cover.${ext}`;
	await mediaStore().put(imagePath, img);
	const row = {
		id: 'show', title: meta.title, description: meta.description, descriptionHtml: renderMarkdown(meta.body), author: meta.author,
		ownerName: meta.owner_name, ownerEmail: meta.owner_email, language: meta.language, category: meta.category, subcategory: meta.subcategory ?? null,
		explicit: meta.explicit, imagePath, imageType: info.type, link: meta.link ?? null, demo: meta.demo, contentHash: hash, updatedAt: Date.now()
	};
	await write((tx) => tx.insert(schema.podcastShow).values(row).onConflictDoUpdate({ target: schema.podcastShow.id, set: row }));
	report.imported++;
	return row;
}

function findAudio(folder: string, named?: string): string | null {
	if (named) return fs.existsSync(path.join(folder, named)) ? path.join(folder, named) : null;
	const f = fs.readdirSync(folder).sort().find((n) => /^audio\.[\w]+$/i.test(n));
	return f ? path.join(folder, f) : null;
}

/**
 * Why the audio file is refused before a job exists: a playlist, concat list, SDP file or anything else that is not
 * audio in an audio container. A file that starts like one of the allowed containers goes on to its job (whose
 * ffprobe and ffmpeg read it with the whitelists); any other is probed now, with the same whitelists. Empty, too
 * large and truncated files fail their job as before; without ffprobe the job checks once ffmpeg is there.
 */
async function refusedAudio(file: string): Promise<string | null> {
	const head = Buffer.alloc(16);
	const fd = fs.openSync(file, 'r');
	try {
		fs.readSync(fd, head, 0, head.length, 0);
	} finally {
		fs.closeSync(fd);
	}
	if (looksLikeAudioContainer(head)) return null;
	try {
		await checkSource(file, Infinity);
		return null;
	} catch (err) {
		if (err instanceof IngestError && err.code === 'not_audio') return err.message.replace(/^not_audio: /, '');
		if (err instanceof IngestError) return null;
		throw err;
	}
}

async function importEpisode(folder: string, show: PodcastShow | null, report: PodcastImportReport) {
	const slug = path.basename(folder);
	const file = path.join(folder, 'episode.md');
	const rel = path.relative(process.cwd(), file);
	if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
		report.errors.push({ file: rel, line: 1, reason: `folder name "${slug}" must be lower-case letters, digits and hyphens (it becomes the URL)` });
		return;
	}
	const src = fs.readFileSync(file, 'utf8');
	const meta = parseEpisode(src, rel, report.errors);
	if (!meta) return;
	const audio = findAudio(folder, meta.audio);
	if (!audio) {
		const line = meta.audio ? src.split('\n').findIndex((l) => l.startsWith('audio:')) + 1 : 1;
		report.errors.push({ file: rel, line, reason: meta.audio ? `audio: ${meta.audio} does not exist in the episode folder` : 'no audio file: put the recording beside episode.md as audio.opus, audio.wav, audio.mp3 …' });
		return;
	}
	const vttFile = path.join(folder, 'transcript.vtt');
	let transcript: string | null = null;
	if (fs.existsSync(vttFile)) {
		transcript = fs.readFileSync(vttFile, 'utf8');
		try {
			parseVtt(transcript);
		} catch (err) {
			report.errors.push({ file: path.relative(process.cwd(), vttFile), line: (err as { line?: number }).line ?? 1, reason: (err as Error).message });
			return;
		}
	}
	const audioHash = await fileHash(audio);
	const hash = sha(`${src}\n${transcript ?? ''}\n${audioHash}\n${show?.contentHash ?? ''}`);
	const existing = (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)).limit(1))[0];
	if (existing?.contentHash === hash) {
		report.unchanged++;
		return;
	}
	const notAudio = await refusedAudio(audio);
	if (notAudio) {
		const line = meta.audio ? src.split('\n').findIndex((l) => l.startsWith('audio:')) + 1 : 1;
		report.errors.push({ file: rel, line, reason: `${path.basename(audio)} is not audio in an audio container (${notAudio}); use Opus, MP3, WAV, FLAC, Ogg, M4A, AAC or WebM` });
		return;
	}
	const now = Date.now();
	const fields = {
		title: meta.title, summary: meta.summary, date: meta.date, publishedAt: Date.parse(`${meta.date}T06:00:00Z`), season: meta.season,
		number: meta.number, type: meta.type, explicit: meta.explicit, status: 'published' as const, guests: JSON.stringify(meta.guests),
		chapters: JSON.stringify(meta.chapters), notesMd: meta.body, notesHtml: renderMarkdown(meta.body), transcriptVtt: transcript, demo: meta.demo,
		contentHash: hash, updatedAt: now
	};
	const target = assetHash(audioHash, packageMeta({ title: meta.title, date: meta.date, chapters: fields.chapters }, show));
	await write(async (tx) => {
		let id = existing?.id;
		if (!id) {
			id = newId();
			// the guid is made once and never changes, whatever is edited later
			await tx.insert(schema.episodes).values({ id, slug, guid: crypto.randomUUID(), createdAt: now, ...fields });
		} else {
			await tx.update(schema.episodes).set(fields).where(eq(schema.episodes.id, id));
		}
		const job = await enqueueIngest(tx, id, audio, target);
		if (job) report.queued.push(job);
	});
	report.imported++;
}

export async function importPodcast(dir: string = config.contentDir): Promise<PodcastImportReport> {
	const root = podcastDir(dir);
	const report: PodcastImportReport = { imported: 0, unchanged: 0, errors: [], queued: [] };
	// a content folder without a podcast (only courses) has nothing to import
	if (!fs.existsSync(root) || (root === dir && !fs.existsSync(path.join(root, 'show.md')) && fs.existsSync(path.join(root, 'courses')))) return report;
	const show = await importShow(root, report);
	const folders = fs
		.readdirSync(root, { withFileTypes: true })
		.filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, 'episode.md')))
		.map((e) => path.join(root, e.name))
		.sort();
	for (const folder of folders) await importEpisode(folder, show, report);
	return report;
}
