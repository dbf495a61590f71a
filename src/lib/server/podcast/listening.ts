// Listening positions: one row per user and episode, written by a single upsert whose WHERE keeps the newest
// client timestamp, so a late, older heartbeat never moves anyone backwards.
import { and, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, schema, write, type Tx } from '../db';
import { onEpisodeHeard } from './heard';
import { isPublic } from './episodes';
import type { ContinueItem } from '../../podcast/types';
export type { ContinueItem };

import { HEARD_RATIO } from '../../podcast/types';
export { HEARD_RATIO };

export const heartbeatSchema = z.object({
	episode: z.string().min(1).max(200),
	position: z.number().finite(),
	duration: z.number().finite().positive().optional(),
	/** the client's clock (ms) when the position was taken */
	at: z.number().int().positive()
});
export type Heartbeat = z.infer<typeof heartbeatSchema>;

export type SaveResult = { ok: true; saved: boolean; heard: boolean } | { ok: false; reason: 'unknown_episode' | 'negative' | 'beyond_duration' | 'not_packaged' };

// slug → id and duration, for a few seconds: every heartbeat needs it and it changes only with a new package
const episodeCache = new Map<string, { id: string; durationMs: number | null; until: number }>();

async function lookupEpisode(slug: string) {
	const hit = episodeCache.get(slug);
	if (hit && hit.until > Date.now()) return hit;
	const row = (
		await db()
			.select({ id: schema.episodes.id, durationMs: schema.mediaAssets.durationMs })
			.from(schema.episodes)
			.leftJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
			.where(and(eq(schema.episodes.slug, slug), isPublic()))
			.limit(1)
	)[0];
	if (!row) return null;
	const entry = { ...row, until: Date.now() + 5000 };
	if (episodeCache.size > 1000) episodeCache.clear();
	episodeCache.set(slug, entry);
	return entry;
}

export async function saveListening(userId: string, hb: Heartbeat): Promise<SaveResult> {
	const row = await lookupEpisode(hb.episode);
	if (!row) return { ok: false, reason: 'unknown_episode' };
	if (!row.durationMs) return { ok: false, reason: 'not_packaged' };
	if (hb.position < 0) return { ok: false, reason: 'negative' };
	const positionMs = Math.round(hb.position * 1000);
	// the server's duration counts, not the client's; a second of slack for decoder rounding
	if (positionMs > row.durationMs + 1000) return { ok: false, reason: 'beyond_duration' };
	const pos = Math.min(positionMs, row.durationMs);
	const heard = pos >= row.durationMs * HEARD_RATIO;
	const now = Date.now();
	const result = await write(async (tx) => {
		// one statement: the WHERE keeps the newer client timestamp; heard_at tells whether this write made it heard
		const saved = await tx
			.insert(schema.listeningPositions)
			.values({ userId, episodeId: row.id, positionMs: pos, durationMs: row.durationMs!, clientAt: hb.at, heard, heardAt: heard ? now : null, updatedAt: now })
			.onConflictDoUpdate({
				target: [schema.listeningPositions.userId, schema.listeningPositions.episodeId],
				set: {
					positionMs: sql`excluded.position_ms`,
					durationMs: sql`excluded.duration_ms`,
					clientAt: sql`excluded.client_at`,
					// once heard, always heard: listening again from the start does not undo it
					heard: sql`max(${schema.listeningPositions.heard}, excluded.heard)`,
					heardAt: sql`coalesce(${schema.listeningPositions.heardAt}, excluded.heard_at)`,
					updatedAt: sql`excluded.updated_at`
				},
				setWhere: sql`${schema.listeningPositions.clientAt} < excluded.client_at`
			})
			.returning({ heard: schema.listeningPositions.heard, heardAt: schema.listeningPositions.heardAt });
		const newlyHeard = saved.length > 0 && heard && saved[0].heardAt === now;
		if (saved.length) return { saved: true, heard: saved[0].heard, newlyHeard };
		const current = await getHeard(tx, userId, row.id);
		return { saved: false, heard: current, newlyHeard: false };
	});
	if (result.newlyHeard) await onEpisodeHeard(userId, hb.episode);
	return { ok: true, saved: result.saved, heard: result.heard };
}

async function getHeard(tx: Tx, userId: string, episodeId: string): Promise<boolean> {
	const r = await tx.select({ heard: schema.listeningPositions.heard }).from(schema.listeningPositions).where(and(eq(schema.listeningPositions.userId, userId), eq(schema.listeningPositions.episodeId, episodeId))).limit(1);
	return Boolean(r[0]?.heard);
}

/** Positions kept in the browser before login: each is saved like a heartbeat, the newer one wins. */
export async function mergeListening(userId: string, entries: Heartbeat[]): Promise<number> {
	let saved = 0;
	for (const e of entries.slice(0, 200)) {
		const r = await saveListening(userId, e);
		if (r.ok && r.saved) saved++;
	}
	return saved;
}

export async function getPosition(userId: string, slug: string): Promise<{ position: number; heard: boolean; at: number } | null> {
	const r = (
		await db()
			.select({ positionMs: schema.listeningPositions.positionMs, heard: schema.listeningPositions.heard, at: schema.listeningPositions.clientAt })
			.from(schema.listeningPositions)
			.innerJoin(schema.episodes, eq(schema.episodes.id, schema.listeningPositions.episodeId))
			.where(and(eq(schema.listeningPositions.userId, userId), eq(schema.episodes.slug, slug)))
			.limit(1)
	)[0];
	return r ? { position: r.positionMs / 1000, heard: r.heard, at: r.at } : null;
}

/** Started, not yet heard, most recent first: for "continue listening" blocks. */
export async function continueListening(userId: string, n = 3): Promise<ContinueItem[]> {
	const rows = await db()
		.select({ slug: schema.episodes.slug, title: schema.episodes.title, positionMs: schema.listeningPositions.positionMs, durationMs: schema.listeningPositions.durationMs })
		.from(schema.listeningPositions)
		.innerJoin(schema.episodes, eq(schema.episodes.id, schema.listeningPositions.episodeId))
		.where(and(eq(schema.listeningPositions.userId, userId), eq(schema.listeningPositions.heard, false), gt(schema.listeningPositions.positionMs, 5000), isPublic()))
		.orderBy(desc(schema.listeningPositions.updatedAt))
		.limit(n);
	return rows.map((r) => ({ slug: r.slug, title: r.title, position: r.positionMs / 1000, duration: r.durationMs / 1000 }));
}

export async function exportListening(userId: string) {
	const rows = await db()
		.select({ episode: schema.episodes.slug, positionMs: schema.listeningPositions.positionMs, heard: schema.listeningPositions.heard, updatedAt: schema.listeningPositions.updatedAt })
		.from(schema.listeningPositions)
		.innerJoin(schema.episodes, eq(schema.episodes.id, schema.listeningPositions.episodeId))
		.where(eq(schema.listeningPositions.userId, userId));
	return rows.map((r) => ({ episode: r.episode, positionSeconds: r.positionMs / 1000, heard: r.heard, updatedAt: new Date(r.updatedAt).toISOString() }));
}
