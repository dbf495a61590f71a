// Listening statistics without surveillance: daily counters only. A client is recognised for one day by
// SHA-256(daily random salt + IP + user agent + episode); only that hash is kept, and salts and hashes older than
// today are deleted, so nothing links one day's listeners to another's and no IP is ever stored.
import { and, eq, lt, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { db, schema, write, type Tx } from '../db';

const BOTS = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|embedly|preview|headless|lighthouse|pingdom|uptime|monitor|python-requests|python-urllib|go-http-client|java\/|okhttp|curl\/|wget\/|libwww|httpclient|feedvalidator|castfeedvalidator|podbase/i;

export function isBot(ua: string | null): boolean {
	return !ua || BOTS.test(ua);
}

export const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);

async function saltFor(tx: Tx, day: string): Promise<string> {
	const row = (await tx.select().from(schema.podcastSalts).where(eq(schema.podcastSalts.day, day)).limit(1))[0];
	if (row) return row.salt;
	// a new day: forget yesterday's salt and hashes, then make today's (another instance may race: keep theirs)
	await tx.delete(schema.podcastSalts).where(lt(schema.podcastSalts.day, day));
	await tx.delete(schema.podcastSeen).where(lt(schema.podcastSeen.day, day));
	await tx.insert(schema.podcastSalts).values({ day, salt: randomBytes(32).toString('hex') }).onConflictDoNothing();
	return (await tx.select().from(schema.podcastSalts).where(eq(schema.podcastSalts.day, day)).limit(1))[0].salt;
}

async function bump(tx: Tx, day: string, episodeId: string, field: 'plays' | 'heard' | 'downloads') {
	const col = schema.podcastDailyStats[field];
	await tx
		.insert(schema.podcastDailyStats)
		.values({ day, episodeId, [field]: 1 })
		.onConflictDoUpdate({ target: [schema.podcastDailyStats.day, schema.podcastDailyStats.episodeId], set: { [field]: sql`${col} + 1` } });
}

/**
 * Counts once per client, episode, kind and day. Returns whether it counted. Plays and "heard to the end" are
 * counted the same way, for listeners with and without an account, so the share heard (heard ÷ plays) compares like
 * with like.
 */
export async function countOncePerDay(kind: 'download' | 'play' | 'heard', episodeId: string, ip: string, ua: string | null, now = Date.now()): Promise<boolean> {
	if (isBot(ua)) return false;
	const day = today(now);
	return write(async (tx) => {
		const salt = await saltFor(tx, day);
		const hash = createHash('sha256').update(`${salt}\n${ip}\n${ua}\n${episodeId}`).digest('hex');
		const fresh = await tx.insert(schema.podcastSeen).values({ day, kind, hash }).onConflictDoNothing().returning({ hash: schema.podcastSeen.hash });
		if (!fresh.length) return false;
		await bump(tx, day, episodeId, kind === 'download' ? 'downloads' : kind === 'play' ? 'plays' : 'heard');
		return true;
	});
}

/** An MP3 request for a packaged folder: counted for every episode that uses it. */
export async function countDownload(assetHash: string, ip: string, ua: string | null): Promise<boolean> {
	if (isBot(ua)) return false;
	const eps = await db()
		.select({ id: schema.episodes.id })
		.from(schema.episodes)
		.innerJoin(schema.mediaAssets, eq(schema.mediaAssets.id, schema.episodes.mediaAssetId))
		.where(eq(schema.mediaAssets.hash, assetHash));
	let counted = false;
	for (const e of eps) counted = (await countOncePerDay('download', e.id, ip, ua)) || counted;
	return counted;
}

export async function episodeStats(episodeId: string) {
	const rows = await db().select().from(schema.podcastDailyStats).where(and(eq(schema.podcastDailyStats.episodeId, episodeId)));
	return rows.reduce((a, r) => ({ plays: a.plays + r.plays, heard: a.heard + r.heard, downloads: a.downloads + r.downloads }), { plays: 0, heard: 0, downloads: 0 });
}
