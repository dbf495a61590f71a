// The authorisation matrix for /studio/episodes: every page, form action, the upload endpoint and the job's
// progress endpoint (JSON and SSE), for anonymous, learner, a trainer who does not own the episode, the owning
// trainer and an admin, over real HTTP against the built server. Those who may not edit go first and must change
// nothing in the database; then owner and admin. A demo episode imported from content/ has no owner: admins only.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Expectation, type Principal } from '../authz';

const NAMES = ['anonymous', 'learner', 'other', 'owner', 'admin'];
/** Pages any trainer may open. */
const anyTrainer = (ok: Expectation = 'ok') => expectAll(NAMES, ok, { anonymous: 'login', learner: 'forbidden' });
/** One episode's pages and actions: its owners and admins only. */
const ownerOnly = (owner: Expectation, admin: Expectation = owner) => expectAll(NAMES, 'forbidden', { anonymous: 'login', owner, admin });
/** An imported episode (no owner): admins only. */
const adminOnly = (admin: Expectation) => expectAll(NAMES, 'forbidden', { anonymous: 'login', admin });
/** The job endpoint is JSON: 401 instead of a login redirect. */
const apiOwnerOnly = () => expectAll(NAMES, 'forbidden', { anonymous: 401, owner: 'ok', admin: 'ok' });

async function setup() {
	const [learner, other, owner, admin, third] = await Promise.all([createUserInDb('learner'), createUserInDb('trainer'), createUserInDb('trainer'), createUserInDb('admin'), createUserInDb('trainer')]);
	const { createEpisode } = await import('../../src/lib/server/studio-episodes/episodes');
	const { db, schema, write } = await import('../../src/lib/server/db');
	const { notLike } = await import('drizzle-orm');
	const slug = `authz-${Date.now().toString(36)}`;
	const created = await createEpisode(owner.id, { title: 'Authz-Folge', slug, date: '2026-02-01', season: 1, number: 90, type: 'full', summary: '', explicit: false, notes: '' });
	if (!created.ok) throw new Error('create');
	// a failed job whose source is gone: retry answers 400 for those allowed, and the worker never picks it up
	const jobId = `authz-job-${slug}`;
	await write((tx) => tx.insert(schema.ingestJobs).values({ id: jobId, episodeId: created.id, sourcePath: '/nonexistent/authz.upload', assetHash: jobId, status: 'failed', reason: 'Test', createdAt: Date.now() }));
	const demo = (await db().select().from(schema.episodes).where(notLike(schema.episodes.contentHash, 'studio:%')).limit(1))[0];
	if (!demo) throw new Error('the e2e content has no imported episode');
	return { learner, other, owner, admin, third, slug, id: created.id, jobId, demo: demo.slug };
}

function routes(s: Awaited<ReturnType<typeof setup>>): AuthzRoute[] {
	const e = `/studio/episodes/${s.slug}`;
	const d = `/studio/episodes/${s.demo}`;
	const meta = { title: 'Authz-Folge', slug: s.slug, date: '2026-02-01', season: '1', number: '90', type: 'full', summary: '', notes: 'Notizen' };
	const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
	const past = '2020-01-01T10:00';
	return [
		{ path: '/studio/episodes', expect: anyTrainer() },
		{ path: e, expect: ownerOnly('ok') },
		{ path: d, expect: adminOnly('ok') },
		{ path: '/studio/episodes/no-such-episode', expect: expectAll(NAMES, 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		// any trainer may create an episode (and then owns it): the other trainer goes first, so owner and admin meet the taken address
		{ method: 'POST', path: '/studio/episodes?/create', form: { ...meta, slug: `${s.slug}-neu` }, expect: expectAll(NAMES, 400, { anonymous: 'login', learner: 'forbidden', other: { status: 303, location: `/studio/episodes/${s.slug}-neu?created=1` } }) },
		{ method: 'POST', path: `${e}?/save`, form: { ...meta, chapter_start: '0', chapter_title: 'Anfang', guest_name: 'Gast', guest_role: 'Rolle', guest_bio: '' }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/preview`, form: { notes: '**fett**' }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/transcript`, form: { transcript: 'kein VTT' }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${e}?/cover`, form: { cover: '<svg onload=alert(1)>' }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${e}?/publish`, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/schedule`, form: { at: future, offset: '0' }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/unpublish`, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/retry`, expect: ownerOnly(400) },
		// the no-JS audio form: a body without a file part is refused with its reason
		{ method: 'POST', path: `${e}?/upload`, form: { audio: 'kein Audio' }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${e}?/addOwner`, form: { email: s.third.email }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/addOwner`, form: { email: s.learner.email }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${e}?/removeOwner`, form: { id: s.third.id }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${e}?/removeOwner`, form: { id: s.owner.id }, expect: ownerOnly(400) },
		// the upload endpoint (the page's script): a form body is no audio
		{ method: 'POST', path: `${e}/upload`, form: { not: 'audio' }, expect: ownerOnly(400) },
		// the ingest job's status and its Server-Sent Events stream
		{ path: `/api/podcast/jobs/${s.jobId}`, expect: apiOwnerOnly() },
		{ path: `/api/podcast/jobs/${s.jobId}?stream=1`, expect: apiOwnerOnly() },
		{ path: '/api/podcast/jobs/no-such-job', expect: expectAll(NAMES, 'notFound', { anonymous: 401, learner: 'forbidden' }) },
		// the imported demo episode: trainers may not touch it; the admin's requests here change nothing either
		{ method: 'POST', path: `${d}?/preview`, form: { notes: 'x' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${d}?/schedule`, form: { at: past, offset: '0' }, expect: adminOnly(400) },
		{ method: 'POST', path: `${d}?/upload`, form: {}, expect: adminOnly(400) },
		{ method: 'POST', path: `${d}/upload`, form: { not: 'audio' }, expect: adminOnly(400) },
		{ method: 'POST', path: `${d}?/addOwner`, form: { email: s.learner.email }, expect: adminOnly(400) },
		{ method: 'POST', path: `${d}?/removeOwner`, form: { id: s.other.id }, expect: adminOnly(400) },
		{ method: 'POST', path: '/studio/episodes/no-such-episode?/publish', expect: expectAll(NAMES, 'notFound', { anonymous: 'login', learner: 'forbidden' }) }
	];
}

test('every /studio/episodes route answers anonymous, learner, other trainer, owner and admin as it should', async () => {
	test.setTimeout(180_000);
	const base = process.env.E2E_BASE_URL!;
	const s = await setup();
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const principals: Principal[] = [];
	for (const [name, u] of [['learner', s.learner], ['other', s.other], ['owner', s.owner], ['admin', s.admin]] as const) principals.push({ name, cookie: await loginCookie(base, u.email, u.password) });
	principals.unshift({ name: 'anonymous', cookie: null });
	const only = (...names: string[]) => principals.filter((p) => names.includes(p.name));
	const table = routes(s);

	const episode = async (slug: string) => (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)))[0];
	const owners = async (id: string) => (await db().select({ user: schema.episodeOwners.userId, role: schema.episodeOwners.role }).from(schema.episodeOwners).where(eq(schema.episodeOwners.episodeId, id))).sort((a, b) => a.user.localeCompare(b.user));
	const snapshot = async () => {
		// the demo's audio may be being packaged by the server meanwhile: compare what the studio could change
		const { mediaAssetId: _audio, updatedAt: _at, contentHash: _hash, ...demo } = await episode(s.demo);
		return {
			episode: await episode(s.slug),
			owners: await owners(s.id),
			demo,
			demoOwners: await owners(demo.id),
			jobs: (await db().select({ id: schema.ingestJobs.id, status: schema.ingestJobs.status }).from(schema.ingestJobs).where(eq(schema.ingestJobs.episodeId, s.id))).length
		};
	};
	const audited = async (id: string) => (await db().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, id))).map((a) => a.action);
	const before = await snapshot();
	const episodeCount = async () => (await db().select({ id: schema.episodes.id }).from(schema.episodes)).length;
	const countBefore = await episodeCount();

	expect(await checkAuthz(base, only('anonymous', 'learner'), table)).toEqual([]);
	expect(await snapshot(), 'nothing changed for anonymous and learner').toEqual(before);
	expect(await episodeCount()).toBe(countBefore);
	expect(await audited(s.learner.id)).toEqual([]);

	expect(await checkAuthz(base, only('other'), table)).toEqual([]);
	expect(await snapshot(), "the other trainer changed nothing of someone else's episode or the demo").toEqual(before);
	expect(await audited(s.other.id), 'only their own new episode').toEqual(['studio.episode.create']);
	const theirs = await episode(`${s.slug}-neu`);
	expect(await owners(theirs.id)).toEqual([{ user: s.other.id, role: 'owner' }]);

	expect(await checkAuthz(base, only('owner', 'admin'), table)).toEqual([]);
	const after = await snapshot();
	expect(after.episode.status).toBe('draft');
	expect(JSON.parse(after.episode.chapters)).toEqual([{ start: 0, title: 'Anfang' }]);
	expect(after.owners, 'the co-owner added and removed again by owner and admin').toEqual([{ user: s.owner.id, role: 'owner' }]);
	expect(after.jobs).toBe(before.jobs);
	expect(await audited(s.owner.id)).toEqual([
		'studio.episode.create',
		'studio.episode.update',
		'studio.episode.publish',
		'studio.episode.publish',
		'studio.episode.unpublish',
		'studio.episode.owner_add',
		'studio.episode.owner_remove'
	]);
	expect(after.demo, 'the demo episode is untouched').toEqual(before.demo);
	expect(after.demoOwners).toEqual([]);
});

test('the studio list shows a trainer only the episodes they own or co-own; an admin sees all, imported ones marked', async () => {
	const base = process.env.E2E_BASE_URL!;
	const s = await setup();
	const page = async (u: { email: string; password: string }) => {
		const res = await fetch(`${base}/studio/episodes`, { headers: { cookie: await loginCookie(base, u.email, u.password), 'accept-language': 'de' } });
		return res.text();
	};
	expect(await page(s.owner)).toContain(`/studio/episodes/${s.slug}"`);
	const other = await page(s.other);
	expect(other).not.toContain(`/studio/episodes/${s.slug}"`);
	expect(other).not.toContain(`/studio/episodes/${s.demo}"`);
	const admin = await page(s.admin);
	expect(admin).toContain(`/studio/episodes/${s.slug}"`);
	expect(admin).toContain(`/studio/episodes/${s.demo}"`);
	expect(admin).toContain('Aus content/ – nur Administrator:innen');
});
