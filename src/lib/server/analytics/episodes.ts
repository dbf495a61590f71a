// Episode analytics against the podcast domain's tables (episodes, media_assets, listening_positions,
// podcast_daily_stats), in plain SQL so this module stands apart from the podcast schema file. Until those tables
// exist (before the podcast domain is merged) every function answers "no episodes".
// A trainer's episodes are those they own or co-own (episode_owners) and those embedded in lessons of their own
// courses; admins see all.
import { sql, type SQL } from 'drizzle-orm';
import { db } from '../db';
import type { Viewer } from './access';

const DAY = 86_400_000;
const TABLES = ['episodes', 'media_assets', 'listening_positions', 'podcast_daily_stats'];

let ready: boolean | undefined;
/** Are the podcast tables there? Checked until they are (a migration may add them while we run). */
export async function podcastReady(): Promise<boolean> {
	if (ready) return true;
	const rows = await db().all<{ n: number }>(sql`select count(*) as n from sqlite_master where type = 'table' and name in (${sql.join(TABLES.map((t) => sql`${t}`), sql`, `)})`);
	ready = Number(rows[0].n) === TABLES.length;
	return ready;
}

function scope(viewer: Viewer): SQL {
	if (viewer.role === 'admin') return sql`1 = 1`;
	if (viewer.role !== 'trainer') return sql`1 = 0`;
	return sql`(e.id in (select eo.episode_id from episode_owners eo where eo.user_id = ${viewer.id})
		or e.slug in (select l.episode from lessons l join course_owners o on o.course_id = l.course_id
		where o.user_id = ${viewer.id} and l.episode is not null and l.archived_at is null))`;
}

export interface EpisodeRow {
	id: string;
	slug: string;
	title: string;
	durationMs: number;
	/** player starts, once per device and day, with or without an account (daily counters) */
	plays: number;
	/** reached 90 %, counted the same way as plays */
	heard: number;
	/** listeners with an account who saved a position: the only ones followed minute by minute (retention) */
	listeners: number;
}

/**
 * The share heard to the end: heard ÷ plays, both counted per device and day with or without an account (a play
 * before midnight heard after it could push it past 100 %).
 */
export const heardShareOf = (e: Pick<EpisodeRow, 'plays' | 'heard'>) => (e.plays ? Math.min(1, e.heard / e.plays) : 0);

const toRow = (r: { id: string; slug: string; title: string; duration_ms: number | null; plays: number | null; listeners: number; heard: number | null }): EpisodeRow => ({
	id: r.id,
	slug: r.slug,
	title: r.title,
	durationMs: Number(r.duration_ms ?? 0),
	plays: Number(r.plays ?? 0),
	listeners: Number(r.listeners),
	heard: Number(r.heard ?? 0)
});

function episodeQuery(viewer: Viewer, where: SQL) {
	return sql`
		select e.id, e.slug, e.title, coalesce(a.duration_ms, (select max(duration_ms) from listening_positions where episode_id = e.id)) as duration_ms,
		       (select sum(plays) from podcast_daily_stats s where s.episode_id = e.id) as plays,
		       (select count(*) from listening_positions p where p.episode_id = e.id) as listeners,
		       (select sum(heard) from podcast_daily_stats s where s.episode_id = e.id) as heard
		from episodes e left join media_assets a on a.id = e.media_asset_id
		where ${scope(viewer)} and ${where}
		order by e.published_at desc, e.title`;
}

/** The viewer's episodes with their totals, newest first. */
export async function analyticsEpisodes(viewer: Viewer): Promise<EpisodeRow[]> {
	if (!(await podcastReady())) return [];
	return (await db().all<Parameters<typeof toRow>[0]>(episodeQuery(viewer, sql`1 = 1`))).map(toRow);
}

/** The episode if the viewer may read its analytics; null for unknown ids and other trainers' episodes alike. */
export async function episodeForAnalytics(viewer: Viewer, episodeId: string | null | undefined): Promise<EpisodeRow | null> {
	if (!episodeId || episodeId.length > 64 || !(await podcastReady())) return null;
	const [row] = await db().all<Parameters<typeof toRow>[0]>(episodeQuery(viewer, sql`e.id = ${episodeId}`));
	return row ? toRow(row) : null;
}

export interface DayRow {
	day: string;
	plays: number;
	heard: number;
}

/** Plays (and "heard" events) per day from the daily counters, empty days filled in (at most a year of them). */
export async function playsPerDay(episodeId: string): Promise<DayRow[]> {
	const rows = await db().all<{ day: string; plays: number; heard: number }>(sql`
		select day, plays, heard from podcast_daily_stats where episode_id = ${episodeId} order by day`);
	const out: DayRow[] = [];
	for (const r of rows) {
		const prev = out[out.length - 1];
		if (prev) for (let t = Date.parse(prev.day + 'T00:00:00Z') + DAY, n = 0; t < Date.parse(r.day + 'T00:00:00Z') && n < 366; t += DAY, n++) out.push({ day: new Date(t).toISOString().slice(0, 10), plays: 0, heard: 0 });
		out.push({ day: r.day, plays: Number(r.plays), heard: Number(r.heard) });
	}
	return out;
}

export interface RetentionRow {
	minute: number;
	listeners: number;
	share: number;
}

/**
 * Share of listeners still playing at each minute: a listener counts at minute m if their furthest position is
 * at least m minutes (a listener who heard it to the end counts to the end). Listeners are bucketed by their last
 * whole minute in SQL, and a running sum from the end (window function) gives "reached at least minute m".
 */
export async function retention(episodeId: string, durationMs: number): Promise<RetentionRow[]> {
	const rows = await db().all<{ minute: number; reached: number; total: number }>(sql`
		with pos as (
			select case when heard then max(position_ms, duration_ms) else position_ms end as ms from listening_positions where episode_id = ${episodeId}
		), buckets as (
			select ms / 60000 as minute, count(*) as n from pos group by ms / 60000
		)
		select minute, sum(n) over (order by minute desc rows unbounded preceding) as reached, (select count(*) from pos) as total
		from buckets order by minute`);
	if (!rows.length) return [];
	const total = Number(rows[0].total);
	const last = Math.max(Math.floor(durationMs / 60000), Number(rows[rows.length - 1].minute));
	const out: RetentionRow[] = [];
	let i = 0;
	// listeners still there at minute m = those whose bucket is ≥ m: the next bucket's running sum
	for (let m = 0; m <= Math.min(last, 600); m++) {
		while (i < rows.length && Number(rows[i].minute) < m) i++;
		const reached = i < rows.length ? Number(rows[i].reached) : 0;
		out.push({ minute: m, listeners: reached, share: total ? reached / total : 0 });
	}
	return out;
}
