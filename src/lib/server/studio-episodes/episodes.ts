// Episodes as trainers manage them in the studio: drafts, metadata, publishing now or at a date, unpublishing.
// Public pages only show what `isPublic()` (podcast/episodes.ts) lets through: published and due.
import { desc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { audit } from '../audit';
import { db, schema, write } from '../db';
import { EPISODE_TYPES, type Episode, type IngestJob, type MediaAsset } from '../db/schema';
import { newId } from '../ids';
import { renderMarkdown } from '../../content/markdown';
import type { ChapterRow } from './validate';
import { addEpisodeOwner, ownedEpisodeIds, type Who } from './ownership';
import { cleanName, nameField } from '../../validation/names';

export type EpisodeState = 'draft' | 'scheduled' | 'published';

export function episodeState(ep: Pick<Episode, 'status' | 'publishedAt'>, now = Date.now()): EpisodeState {
	if (ep.status !== 'published') return 'draft';
	return ep.publishedAt > now ? 'scheduled' : 'published';
}

const required = (max: number) => z.string().trim().min(1, 'studioep_required').max(max, 'studioep_too_long');
export const metaSchema = z.object({
	title: nameField({ min: 1, max: 200, lengthKey: 'studioep_required', maxKey: 'studioep_too_long' }),
	slug: z.string().trim().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'studioep_slug_invalid').max(80, 'studioep_too_long'),
	date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'studioep_date_invalid').refine((d) => !Number.isNaN(Date.parse(d)), 'studioep_date_invalid'),
	season: z.coerce.number({ message: 'studioep_number_invalid' }).int('studioep_number_invalid').min(1, 'studioep_number_invalid').max(999, 'studioep_number_invalid'),
	number: z.coerce.number({ message: 'studioep_number_invalid' }).int('studioep_number_invalid').min(0, 'studioep_number_invalid').max(9999, 'studioep_number_invalid'),
	type: z.enum(EPISODE_TYPES, { message: 'studioep_type_invalid' }),
	summary: z.string().trim().max(1000, 'studioep_too_long').default(''),
	explicit: z.string().optional().transform((v) => v === 'on' || v === 'true'),
	notes: z.string().max(100_000, 'studioep_too_long').default('')
});
export type EpisodeMeta = z.infer<typeof metaSchema>;

export interface GuestRow {
	name: string;
	role: string;
	bio: string;
}

/** Parallel arrays from repeatable fields → guests; rows without a name are dropped. */
export function guestsFrom(names: string[], roles: string[], bios: string[]): GuestRow[] {
	return names
		.map((name, i) => ({ name: cleanName(name).slice(0, 200), role: cleanName(roles[i] ?? '').slice(0, 200), bio: (bios[i] ?? '').trim().slice(0, 2000) }))
		.filter((g) => g.name);
}

export interface StudioRow {
	episode: Episode;
	asset: MediaAsset | null;
	job: IngestJob | null;
	state: EpisodeState;
}

export interface StudioListRow extends StudioRow {
	/** how many trainers own it; 0 = imported from content/, only admins may edit it */
	owners: number;
}

/** The episodes `user` may edit (admins: all, drafts too), newest first, each with its packaged audio and latest ingest job. */
export async function listStudioEpisodes(user: Who): Promise<StudioListRow[]> {
	const ids = user.role === 'admin' ? null : user.role === 'trainer' ? await ownedEpisodeIds(user.id) : [];
	if (ids && !ids.length) return [];
	const rows = await db()
		.select({ e: schema.episodes, a: schema.mediaAssets, owners: sql<number>`(select count(*) from episode_owners o where o.episode_id = episodes.id)` })
		.from(schema.episodes)
		.leftJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
		.where(ids ? inArray(schema.episodes.id, ids) : undefined)
		.orderBy(desc(schema.episodes.publishedAt), desc(schema.episodes.number));
	// the latest job per listed episode, by SQL instead of loading every job ever run
	const jobs = rows.length
		? await db()
				.select()
				.from(schema.ingestJobs)
				.where(
					sql`${schema.ingestJobs.id} in (select j.id from ingest_jobs j where j.episode_id = ${schema.ingestJobs.episodeId} order by j.created_at desc limit 1) and ${inArray(schema.ingestJobs.episodeId, rows.map((r) => r.e.id))}`
				)
		: [];
	const latest = new Map(jobs.map((j) => [j.episodeId, j]));
	return rows.map((r) => ({ episode: r.e, asset: r.a, job: latest.get(r.e.id) ?? null, state: episodeState(r.e), owners: Number(r.owners) }));
}

/** The number a new episode probably gets: one after the highest of all episodes (not only the trainer's own). */
export async function nextEpisodeNumber(): Promise<number> {
	const r = await db().select({ n: sql<number | null>`max(${schema.episodes.number})` }).from(schema.episodes);
	return Number(r[0]?.n ?? 0) + 1;
}

export async function getStudioEpisode(slug: string): Promise<StudioRow | null> {
	const r = (
		await db()
			.select()
			.from(schema.episodes)
			.leftJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
			.where(eq(schema.episodes.slug, slug))
			.limit(1)
	)[0];
	if (!r) return null;
	const job = (await db().select().from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, r.episodes.id)).orderBy(desc(schema.ingestJobs.createdAt)).limit(1))[0] ?? null;
	return { episode: r.episodes, asset: r.media_assets, job, state: episodeState(r.episodes) };
}

async function slugTaken(slug: string, exceptId?: string) {
	const r = (await db().select({ id: schema.episodes.id }).from(schema.episodes).where(eq(schema.episodes.slug, slug)).limit(1))[0];
	return !!r && r.id !== exceptId;
}

function metaFields(meta: EpisodeMeta) {
	return {
		title: meta.title,
		slug: meta.slug,
		date: meta.date,
		season: meta.season,
		number: meta.number,
		type: meta.type,
		summary: meta.summary,
		explicit: meta.explicit,
		notesMd: meta.notes,
		notesHtml: renderMarkdown(meta.notes)
	};
}

/** A new draft, owned by its creator. Returns 'slug_taken' when the address is in use. */
export async function createEpisode(actorId: string, meta: EpisodeMeta): Promise<{ ok: true; id: string } | { ok: false; reason: 'slug_taken' }> {
	if (await slugTaken(meta.slug)) return { ok: false, reason: 'slug_taken' };
	const id = newId();
	const now = Date.now();
	await write(async (tx) => {
		// the guid is made once and never changes, whatever is edited later
		await tx.insert(schema.episodes).values({ id, guid: randomUUID(), ...metaFields(meta), status: 'draft', publishedAt: Date.parse(`${meta.date}T06:00:00Z`), contentHash: `studio:${id}`, createdAt: now, updatedAt: now });
		// whoever creates it owns it (an admin too: the episode then has a trainer-visible owner row, harmless)
		await addEpisodeOwner(id, actorId, 'owner', tx);
		await audit(actorId, 'studio.episode.create', meta.slug, { id }, tx);
	});
	return { ok: true, id };
}

export async function updateEpisode(actorId: string, id: string, meta: EpisodeMeta, guests: GuestRow[], chapters: ChapterRow[]): Promise<{ ok: true } | { ok: false; reason: 'slug_taken' }> {
	if (await slugTaken(meta.slug, id)) return { ok: false, reason: 'slug_taken' };
	await write(async (tx) => {
		await tx
			.update(schema.episodes)
			.set({ ...metaFields(meta), guests: JSON.stringify(guests), chapters: JSON.stringify(chapters), contentHash: `studio:${id}:${Date.now()}`, updatedAt: Date.now() })
			.where(eq(schema.episodes.id, id));
		await audit(actorId, 'studio.episode.update', meta.slug, { id }, tx);
	});
	return { ok: true };
}

export async function setTranscript(actorId: string, id: string, vtt: string | null) {
	await write(async (tx) => {
		await tx.update(schema.episodes).set({ transcriptVtt: vtt, updatedAt: Date.now() }).where(eq(schema.episodes.id, id));
		await audit(actorId, 'studio.episode.transcript', id, { bytes: vtt?.length ?? 0 }, tx);
	});
}

/** Publishes now, or at `at` (ms; in the future = scheduled: hidden from /podcast and the feed until then). */
export async function publishEpisode(actorId: string, id: string, at = Date.now()) {
	await write(async (tx) => {
		await tx.update(schema.episodes).set({ status: 'published', publishedAt: at, updatedAt: Date.now() }).where(eq(schema.episodes.id, id));
		await audit(actorId, 'studio.episode.publish', id, { at: new Date(at).toISOString() }, tx);
	});
}

export async function unpublishEpisode(actorId: string, id: string) {
	await write(async (tx) => {
		await tx.update(schema.episodes).set({ status: 'draft', updatedAt: Date.now() }).where(eq(schema.episodes.id, id));
		await audit(actorId, 'studio.episode.unpublish', id, {}, tx);
	});
}
