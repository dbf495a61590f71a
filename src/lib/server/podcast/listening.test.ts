// Listening positions and statistics: validation, newest-wins upserts, merge, heard, daily de-duplication.
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../auth/accounts';
import { db, schema, write } from '../db';
import { newId } from '../ids';
import { deleteUserData, exportUserData } from '../privacy';
import { continueListening, getPosition, mergeListening, saveListening } from './listening';
import { countDownload, countOncePerDay, episodeStats, isBot } from './stats';

let user: string;
let other: string;
let episodeId: string;
const ASSET = 'abcdefabcdefabcdefabcdefabcdef12';

async function mkUser() {
	const r = await createUser({ email: `${newId()}@example.org`, password: 'ein langes Passwort', displayName: 'Hörerin', role: 'learner' });
	if (!r.ok) throw new Error(r.reason);
	return r.user.id;
}

beforeAll(async () => {
	user = await mkUser();
	other = await mkUser();
	episodeId = newId();
	const assetId = newId();
	await write(async (tx) => {
		await tx.insert(schema.mediaAssets).values({ id: assetId, hash: ASSET, sourceHash: 'x', durationMs: 600_000, mp3Bytes: 1, hlsBytes: 1, sourceBytes: 1, createdAt: 1 });
		await tx.insert(schema.episodes).values({ id: episodeId, slug: 'folge', guid: newId(), title: 'Folge', date: '2025-01-01', publishedAt: 1, number: 1, contentHash: 'x', mediaAssetId: assetId, createdAt: 1, updatedAt: 1 });
		await tx.insert(schema.episodes).values({ id: newId(), slug: 'ohne-audio', guid: newId(), title: 'Ohne', date: '2025-01-01', publishedAt: 1, number: 2, contentHash: 'x', createdAt: 1, updatedAt: 1 });
	});
});

describe('saveListening', () => {
	it('rejects unknown episodes, unpackaged ones, negative positions and positions past the end', async () => {
		expect(await saveListening(user, { episode: 'gibt-es-nicht', position: 1, at: 1 })).toEqual({ ok: false, reason: 'unknown_episode' });
		expect(await saveListening(user, { episode: 'ohne-audio', position: 1, at: 1 })).toEqual({ ok: false, reason: 'not_packaged' });
		expect(await saveListening(user, { episode: 'folge', position: -1, at: 1 })).toEqual({ ok: false, reason: 'negative' });
		expect(await saveListening(user, { episode: 'folge', position: 602, at: 1 })).toEqual({ ok: false, reason: 'beyond_duration' });
		expect(await getPosition(user, 'folge')).toBeNull();
	});

	it('keeps the newest client timestamp: an older heartbeat arriving late changes nothing', async () => {
		expect(await saveListening(user, { episode: 'folge', position: 120, at: 2000 })).toMatchObject({ ok: true, saved: true });
		expect(await saveListening(user, { episode: 'folge', position: 60, at: 1000 })).toMatchObject({ ok: true, saved: false });
		expect(await getPosition(user, 'folge')).toMatchObject({ position: 120, at: 2000 });
		// another user's position is theirs alone
		expect(await getPosition(other, 'folge')).toBeNull();
		expect(await continueListening(user)).toEqual([{ slug: 'folge', title: 'Folge', position: 120, duration: 600 }]);
	});

	it('counts an episode as heard at 90 %, once, and keeps it heard', async () => {
		expect(await saveListening(user, { episode: 'folge', position: 545, at: 3000 })).toMatchObject({ ok: true, heard: true });
		expect(await saveListening(user, { episode: 'folge', position: 10, at: 4000 })).toMatchObject({ ok: true, saved: true, heard: true });
		// the daily "heard" counter is the player's (per device and day, like plays), not the account position's
		expect((await episodeStats(episodeId)).heard).toBe(0);
		expect(await continueListening(user)).toEqual([]);
	});

	it('merges positions kept in the browser, the newer of each side winning', async () => {
		await saveListening(other, { episode: 'folge', position: 100, at: 5000 });
		expect(await mergeListening(other, [{ episode: 'folge', position: 50, at: 4000 }, { episode: 'gibt-es-nicht', position: 1, at: 1 }])).toBe(0);
		expect((await getPosition(other, 'folge'))!.position).toBe(100);
		expect(await mergeListening(other, [{ episode: 'folge', position: 200, at: 6000 }])).toBe(1);
		expect((await getPosition(other, 'folge'))!.position).toBe(200);
	});

	it('survives many concurrent heartbeats without losing the newest', async () => {
		await Promise.all(Array.from({ length: 40 }, (_, i) => saveListening(other, { episode: 'folge', position: 300 + i, at: 10_000 + i })).reverse());
		expect((await getPosition(other, 'folge'))!.position).toBe(339);
	});
});

describe('statistics', () => {
	it('counts a download once per client and day, ignores bots and stores no IP', async () => {
		const ua = 'AntennaPod/3.4';
		expect(await countDownload(ASSET, '203.0.113.7', ua)).toBe(true);
		expect(await countDownload(ASSET, '203.0.113.7', ua)).toBe(false);
		expect(await countDownload(ASSET, '203.0.113.8', ua)).toBe(true);
		expect(await countDownload(ASSET, '203.0.113.9', 'Googlebot/2.1')).toBe(false);
		expect(isBot('Mozilla/5.0 (compatible; bingbot/2.0)')).toBe(true);
		expect(isBot(null)).toBe(true);
		expect((await episodeStats(episodeId)).downloads).toBe(2);
		const seen = await db().select().from(schema.podcastSeen);
		expect(JSON.stringify(seen)).not.toContain('203.0.113');
		expect(seen.every((s) => /^[0-9a-f]{64}$/.test(s.hash))).toBe(true);
	});

	it("rotates the salt daily and forgets yesterday's hashes", async () => {
		const day = 24 * 3600 * 1000;
		const tomorrow = Date.now() + day;
		expect(await countOncePerDay('play', episodeId, '198.51.100.1', 'Firefox', tomorrow)).toBe(true);
		const salts = await db().select().from(schema.podcastSalts);
		expect(salts).toHaveLength(1);
		expect(salts[0].day).toBe(new Date(tomorrow).toISOString().slice(0, 10));
		const seen = await db().select().from(schema.podcastSeen);
		expect(seen.every((s) => s.day === salts[0].day)).toBe(true);
		const rows = await db().select().from(schema.podcastDailyStats).where(eq(schema.podcastDailyStats.episodeId, episodeId));
		expect(rows.length).toBe(2);
	});
});

describe('privacy', () => {
	it('exports a listener\'s positions and deletes them with the account data', async () => {
		const data = (await exportUserData(other)) as { listening: { episode: string; positionSeconds: number }[] };
		expect(data.listening).toEqual([expect.objectContaining({ episode: 'folge', positionSeconds: 339 })]);
		await write((tx) => deleteUserData(tx, other));
		expect(await getPosition(other, 'folge')).toBeNull();
		expect(await getPosition(user, 'folge')).not.toBeNull();
	});
});

describe('heard episodes complete the lessons that embed them', () => {
	it('completes a lesson embedding the episode once the listener passes 90 %', async () => {
		const listener = await mkUser();
		const [courseId, moduleId, lessonId] = [newId(), newId(), newId()];
		await write(async (tx) => {
			await tx.insert(schema.courses).values({ id: courseId, slug: `c-${courseId}`, title: 'Kurs', summary: '', level: 'beginner', hours: 1, sourceHash: 'x', createdAt: 1, updatedAt: 1 });
			await tx.insert(schema.modules).values({ id: moduleId, courseId, slug: 'm', title: 'Modul', position: 1, sourceHash: 'x' });
			await tx.insert(schema.lessons).values({ id: lessonId, identity: `c/${lessonId}`, courseId, moduleId, slug: 'l', position: 1, title: 'Lektion', durationMin: 5, episode: 'folge', createdAt: 1, updatedAt: 1 });
		});
		const done = async () => (await db().select().from(schema.lessonProgress).where(eq(schema.lessonProgress.lessonId, lessonId)))[0]?.completedAt ?? null;
		await saveListening(listener, { episode: 'folge', position: 100, at: 1 });
		expect(await done()).toBeNull();
		await saveListening(listener, { episode: 'folge', position: 560, at: 2 });
		expect(await done()).not.toBeNull();
		expect((await db().select().from(schema.lessonProgress).where(eq(schema.lessonProgress.lessonId, lessonId)))[0].completedBy).toBe('podcast');
	});
});
