// Episode analytics over 2000 seeded listeners. Before the podcast domain is merged the test creates the podcast
// tables itself (the columns it needs, named as in the podcast schema); afterwards the real migration has made them.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { importCourses } from '../courses/import';
import { courseOutline } from '../courses/catalogue';
import { addCourseOwner } from '../courses/ownership';
import { copyFixture, FIXTURE_COURSE } from '../courses/test-helpers';
import { createUser } from '../auth/accounts';
import { analyticsEpisodes, episodeForAnalytics, playsPerDay, podcastReady, retention } from './episodes';

const N = 2000;
const DURATION = 10 * 60_000;
let owner: { id: string; role: string };
let other: { id: string; role: string };

const DDL = [
	`create table if not exists media_assets (id text primary key, hash text not null, source_hash text not null, duration_ms integer not null, mp3_bytes integer not null, hls_bytes integer not null, source_bytes integer not null, input_lufs real, peaks text not null default '[]', created_at integer not null)`,
	`create table if not exists episodes (id text primary key, slug text not null, guid text not null, title text not null, summary text not null default '', date text not null, published_at integer not null, season integer not null default 1, number integer not null, type text not null default 'full', explicit integer not null default 0, status text not null default 'published', guests text not null default '[]', chapters text not null default '[]', notes_md text not null default '', notes_html text not null default '', transcript_vtt text, demo integer not null default 0, content_hash text not null, media_asset_id text, created_at integer not null, updated_at integer not null)`,
	`create table if not exists listening_positions (user_id text not null, episode_id text not null, position_ms integer not null, duration_ms integer not null, client_at integer not null, heard integer not null default 0, heard_at integer, updated_at integer not null, primary key (user_id, episode_id))`,
	`create table if not exists podcast_daily_stats (day text not null, episode_id text not null, plays integer not null default 0, heard integer not null default 0, downloads integer not null default 0, primary key (day, episode_id))`
];

const counter = sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${N - 1})`;

beforeAll(async () => {
	await importCourses(copyFixture());
	const course = (await courseOutline(FIXTURE_COURSE))!;
	const mk = async (name: string) => {
		const r = await createUser({ email: `ep-${name}-${process.pid}@example.org`, password: 'ein langes Passwort', displayName: name, role: 'trainer' });
		if (!r.ok) throw new Error(r.reason);
		return { id: r.user.id, role: 'trainer' };
	};
	[owner, other] = [await mk('owner'), await mk('other')];
	await addCourseOwner(course.id, owner.id);
	expect(await analyticsEpisodes({ id: 'x', role: 'admin' })).toEqual([]);
	await write(async (tx) => {
		for (const ddl of DDL) await tx.run(sql.raw(ddl));
		await tx.run(sql`insert into media_assets (id, hash, source_hash, duration_ms, mp3_bytes, hls_bytes, source_bytes, created_at) values ('asset-1', 'h', 's', ${DURATION}, 1, 1, 1, 0)`);
		await tx.run(sql`insert into episodes (id, slug, guid, title, date, published_at, number, content_hash, media_asset_id, created_at, updated_at)
			values ('ep-1', 'folge-eins', 'g1', 'Folge eins', '2025-01-01', 1, 1, 'c', 'asset-1', 0, 0), ('ep-2', 'folge-zwei', 'g2', 'Folge zwei', '2025-01-02', 2, 2, 'c', null, 0, 0)`);
		await tx.update(schema.lessons).set({ episode: 'folge-eins' }).where(eq(schema.lessons.id, course.lessons[0].id));
		await tx.run(sql`insert into users (id, email, email_key, display_name, password_hash, role, privacy_accepted_at, created_at)
			${counter} select 'lis-' || i, 'lis' || i || '@example.org', 'lis' || i || '@example.org', 'Hörer ' || i, 'x', 'learner', 0, 0 from n`);
		// listener i stopped at minute (i % 10) + 30 s; every tenth heard it to the end
		await tx.run(sql`insert into listening_positions (user_id, episode_id, position_ms, duration_ms, client_at, heard, updated_at)
			${counter} select 'lis-' || i, 'ep-1', (i % 10) * 60000 + 30000, ${DURATION}, 0, i % 10 = 9, 0 from n`);
		// 30 days, every third one without plays (no row), plays = 3 × day number
		for (let d = 0; d < 30; d++) {
			if (d % 3 === 2) continue;
			const day = new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
			await tx.run(sql`insert into podcast_daily_stats (day, episode_id, plays, heard) values (${day}, 'ep-1', ${3 * d}, ${d})`);
		}
	});
});

describe('episode analytics', () => {
	it('shows a trainer the episodes embedded in their courses, admins all', async () => {
		expect(await podcastReady()).toBe(true);
		expect((await analyticsEpisodes(owner)).map((e) => e.slug)).toEqual(['folge-eins']);
		expect(await analyticsEpisodes(other)).toEqual([]);
		expect((await analyticsEpisodes({ id: 'admin', role: 'admin' })).map((e) => e.slug)).toEqual(['folge-zwei', 'folge-eins']);
		expect(await episodeForAnalytics(other, 'ep-1')).toBeNull();
		expect(await episodeForAnalytics(owner, 'ep-2')).toBeNull();
		const ep = await episodeForAnalytics(owner, 'ep-1');
		let plays = 0;
		let heard = 0;
		for (let d = 0; d < 30; d++) if (d % 3 !== 2) (plays += 3 * d), (heard += d);
		// plays and heard from the same daily counters (every device, account or not); listeners are the accounts
		expect(ep).toMatchObject({ title: 'Folge eins', durationMs: DURATION, listeners: N, heard, plays });
	});

	it('also shows a trainer the episodes they own or co-own in the studio', async () => {
		const { addEpisodeOwner } = await import('../studio-episodes/ownership');
		await addEpisodeOwner('ep-2', other.id, 'co-owner');
		expect((await analyticsEpisodes(other)).map((e) => e.slug)).toEqual(['folge-zwei']);
		expect(await episodeForAnalytics(other, 'ep-1')).toBeNull();
		expect((await analyticsEpisodes(owner)).map((e) => e.slug)).toEqual(['folge-eins']);
	});

	it('counts plays per day with the empty days filled in', async () => {
		const days = await playsPerDay('ep-1');
		expect(days).toHaveLength(29);
		expect(days[0]).toEqual({ day: '2025-01-01', plays: 0, heard: 0 });
		expect(days[2]).toEqual({ day: '2025-01-03', plays: 0, heard: 0 });
		expect(days[3]).toEqual({ day: '2025-01-04', plays: 9, heard: 3 });
	});

	it('gives the share still listening at each minute', async () => {
		const t0 = performance.now();
		const curve = await retention('ep-1', DURATION);
		const ms = Math.round(performance.now() - t0);
		const expected = Array.from({ length: 11 }, (_, m) => {
			let n = 0;
			for (let i = 0; i < N; i++) n += (i % 10 === 9 ? 10 : i % 10) >= m ? 1 : 0;
			return n;
		});
		expect(curve.map((r) => r.listeners)).toEqual(expected);
		expect(curve[0].share).toBe(1);
		expect(curve[10].share).toBeCloseTo(0.1);
		expect(await retention('ep-2', 0)).toEqual([]);
		console.info(`retention over ${N} listeners: ${ms} ms`);
	});
});
