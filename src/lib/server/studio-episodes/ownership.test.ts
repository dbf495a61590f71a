// Episode ownership against the real DB: who may edit, co-owners by email, the trainer's list, and account deletion.
import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createUser, deleteAccount, getUser } from '../auth/accounts';
import { db, schema, write } from '../db';
import type { Role } from '../db/schema';
import { exportUserData } from '../privacy';
import { createEpisode, listStudioEpisodes, type EpisodeMeta } from './episodes';
import { addEpisodeCoOwner, canEditEpisode, episodeOwners, removeEpisodeOwner } from './ownership';

let n = 0;
async function user(role: Role) {
	const email = `owner-${n++}@example.org`;
	const r = await createUser({ email, password: 'ein langes Passwort', displayName: `${role} ${n}`, role });
	if (!r.ok) throw new Error(r.reason);
	return { id: r.user.id, role, email };
}
const meta = (slug: string): EpisodeMeta => ({ title: slug, slug, date: '2026-01-01', season: 1, number: 1, type: 'full', summary: '', explicit: false, notes: '' });
async function studioEpisode(ownerId: string, slug: string) {
	const r = await createEpisode(ownerId, meta(slug));
	if (!r.ok) throw new Error(r.reason);
	return r.id;
}
/** An episode as the content/ import makes it: no owner rows. */
async function importedEpisode(slug: string) {
	const id = `imported-${slug}`;
	const now = Date.now();
	await write((tx) => tx.insert(schema.episodes).values({ id, slug, guid: id, title: slug, date: '2026-01-01', publishedAt: now, number: 1, contentHash: 'x', demo: true, createdAt: now, updatedAt: now }));
	return id;
}

describe('canEditEpisode', () => {
	it('lets the creator and admins edit; other trainers and learners not; imported episodes only admins', async () => {
		const [owner, other, learner, admin] = [await user('trainer'), await user('trainer'), await user('learner'), await user('admin')];
		const mine = await studioEpisode(owner.id, 'eigene-folge');
		const demo = await importedEpisode('demo-folge');
		expect(await canEditEpisode(owner, mine)).toBe(true);
		expect(await canEditEpisode(admin, mine)).toBe(true);
		expect(await canEditEpisode(other, mine)).toBe(false);
		expect(await canEditEpisode(learner, mine)).toBe(false);
		expect(await canEditEpisode(owner, demo)).toBe(false);
		expect(await canEditEpisode(admin, demo)).toBe(true);
		// a learner never edits, even with an ownership row (e.g. a trainer demoted to learner)
		await write((tx) => tx.insert(schema.episodeOwners).values({ episodeId: mine, userId: learner.id, role: 'co-owner', createdAt: Date.now() }));
		expect(await canEditEpisode(learner, mine)).toBe(false);
		expect((await episodeOwners(mine)).map((o) => [o.id, o.role])).toEqual([
			[owner.id, 'owner'],
			[learner.id, 'co-owner']
		]);
	});
});

describe('co-owners', () => {
	it('adds a trainer by email (any case); unknown, learner, admin and disabled accounts are refused alike', async () => {
		const [owner, co, learner, admin, disabled] = [await user('trainer'), await user('trainer'), await user('learner'), await user('admin'), await user('trainer')];
		await write((tx) => tx.update(schema.users).set({ disabledAt: Date.now() }).where(eq(schema.users.id, disabled.id)));
		const id = await studioEpisode(owner.id, 'gemeinsam');
		for (const email of ['niemand@example.org', learner.email, admin.email, disabled.email]) expect(await addEpisodeCoOwner(owner.id, id, email)).toEqual({ ok: false });
		expect(await canEditEpisode(co, id)).toBe(false);
		expect(await addEpisodeCoOwner(owner.id, id, co.email.toUpperCase())).toEqual({ ok: true });
		expect(await canEditEpisode(co, id)).toBe(true);
		// adding again (or adding the owner) changes no one's role
		expect(await addEpisodeCoOwner(co.id, id, owner.email)).toEqual({ ok: true });
		expect((await episodeOwners(id)).map((o) => [o.id, o.role])).toEqual([
			[owner.id, 'owner'],
			[co.id, 'co-owner']
		]);
		const audit = await db().select().from(schema.auditLog).where(eq(schema.auditLog.target, id));
		expect(audit.map((a) => a.action)).toEqual(['studio.episode.owner_add', 'studio.episode.owner_add']);
		// the last owner cannot be removed
		expect(await removeEpisodeOwner(owner.id, id, co.id)).toEqual({ ok: true });
		expect(await canEditEpisode(co, id)).toBe(false);
		expect(await removeEpisodeOwner(owner.id, id, owner.id)).toEqual({ ok: false });
		expect(await removeEpisodeOwner(owner.id, id, 'not-an-owner')).toEqual({ ok: false });
		expect(await canEditEpisode(owner, id)).toBe(true);
	});
});

describe('the studio list', () => {
	it('shows a trainer what they own or co-own, an admin everything with owner counts, a learner nothing', async () => {
		const [a, b, admin, learner] = [await user('trainer'), await user('trainer'), await user('admin'), await user('learner')];
		const ea = await studioEpisode(a.id, 'liste-a');
		const eb = await studioEpisode(b.id, 'liste-b');
		const demo = await importedEpisode('liste-demo');
		await addEpisodeCoOwner(b.id, eb, a.email);
		const slugs = async (who: { id: string; role: Role }) => (await listStudioEpisodes(who)).map((r) => r.episode.slug).sort();
		expect(await slugs(a)).toEqual(['liste-a', 'liste-b']);
		expect(await slugs(b)).toEqual(['liste-b']);
		expect(await slugs(learner)).toEqual([]);
		const all = new Map((await listStudioEpisodes(admin)).map((r) => [r.episode.id, r.owners]));
		expect([all.get(ea), all.get(eb), all.get(demo)]).toEqual([1, 2, 0]);
	});
});

describe('privacy', () => {
	it('exports the episodes someone owns; deleting the account removes the ownership rows and keeps the episodes', async () => {
		const owner = await user('trainer');
		const co = await user('trainer');
		const id = await studioEpisode(owner.id, 'bleibt');
		await addEpisodeCoOwner(owner.id, id, co.email);
		expect((await exportUserData(co.id)).episodesOwned).toEqual([{ episode: 'bleibt', title: 'bleibt', role: 'co-owner', since: expect.any(String) }]);
		expect(await deleteAccount(co.id, 'ein langes Passwort')).toBe(true);
		expect(await getUser(co.id)).toBeUndefined();
		expect(await db().select().from(schema.episodeOwners).where(eq(schema.episodeOwners.userId, co.id))).toEqual([]);
		expect(await deleteAccount(owner.id, 'ein langes Passwort')).toBe(true);
		expect((await db().select().from(schema.episodes).where(eq(schema.episodes.id, id))).length).toBe(1);
		expect(await db().select().from(schema.episodeOwners).where(eq(schema.episodeOwners.episodeId, id))).toEqual([]);
	});
});

describe('the migration', () => {
	it('backfills owners of studio episodes made before the table existed, from the audit log; imported ones stay ownerless', async () => {
		const owner = await user('trainer');
		const id = await studioEpisode(owner.id, 'vorher-angelegt');
		const demo = await importedEpisode('vorher-importiert');
		await write((tx) => tx.delete(schema.episodeOwners).where(eq(schema.episodeOwners.episodeId, id)));
		const migration = fs.readFileSync(path.resolve('db/migrations/0007_episode_owners.sql'), 'utf8');
		const backfill = migration.split('--> statement-breakpoint').find((s) => s.includes('INSERT OR IGNORE'))!;
		await write((tx) => tx.run(sql.raw(backfill.replace(/^\s*--.*$/gm, ''))));
		expect((await episodeOwners(id)).map((o) => [o.id, o.role])).toEqual([[owner.id, 'owner']]);
		expect(await episodeOwners(demo)).toEqual([]);
	});
});
