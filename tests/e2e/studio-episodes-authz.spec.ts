// The authorisation matrix for /studio/episodes: every page, form action and the upload endpoint, for anonymous,
// learner, trainer and admin, over real HTTP against the built server. Anonymous and learner go first and must change nothing.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Expectation, type Principal } from '../authz';

/** Anonymous → login, learner → 403, trainer and admin → `staff` (or their own answers). */
function staff(trainer: Expectation, admin: Expectation = trainer): Record<string, Expectation> {
	return expectAll([], 'ok', { anonymous: 'login', learner: 'forbidden', trainer, admin });
}

function routes(slug: string, newSlug: string): AuthzRoute[] {
	const e = `/studio/episodes/${slug}`;
	const meta = { title: 'Authz-Folge', slug, date: '2026-02-01', season: '1', number: '90', type: 'full', summary: '', notes: 'Notizen' };
	const future = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
	return [
		{ path: '/studio/episodes', expect: staff('ok') },
		{ path: e, expect: staff('ok') },
		{ path: '/studio/episodes/no-such-episode', expect: staff('notFound') },
		// the trainer creates it; the admin passes the guard and then meets the taken address
		{ method: 'POST', path: '/studio/episodes?/create', form: { ...meta, slug: newSlug }, expect: staff({ status: 303, location: `/studio/episodes/${newSlug}?created=1` }, 400) },
		{ method: 'POST', path: `${e}?/save`, form: { ...meta, chapter_start: '0', chapter_title: 'Anfang', guest_name: 'Gast', guest_role: 'Rolle', guest_bio: '' }, expect: staff('ok') },
		{ method: 'POST', path: `${e}?/preview`, form: { notes: '**fett**' }, expect: staff('ok') },
		{ method: 'POST', path: `${e}?/transcript`, form: { transcript: 'kein VTT' }, expect: staff(400) },
		{ method: 'POST', path: `${e}?/cover`, form: { cover: '<svg onload=alert(1)>' }, expect: staff(400) },
		{ method: 'POST', path: `${e}?/publish`, expect: staff('ok') },
		{ method: 'POST', path: `${e}?/schedule`, form: { at: future, offset: '0' }, expect: staff('ok') },
		{ method: 'POST', path: `${e}?/unpublish`, expect: staff('ok') },
		{ method: 'POST', path: `${e}?/retry`, expect: staff(400) },
		{ method: 'POST', path: '/studio/episodes/no-such-episode?/publish', expect: staff('notFound') },
		// the upload endpoint: a form body is no audio, so staff get the translated refusal
		{ method: 'POST', path: `${e}/upload`, form: { not: 'audio' }, expect: staff(400) }
	];
}

test('every /studio/episodes page, action and endpoint answers anonymous, learner, trainer and admin as it should', async () => {
	test.setTimeout(120_000);
	const base = process.env.E2E_BASE_URL!;
	const [learner, trainer, admin] = await Promise.all([createUserInDb('learner'), createUserInDb('trainer'), createUserInDb('admin')]);
	const { createEpisode } = await import('../../src/lib/server/studio-episodes/episodes');
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const slug = `authz-${Date.now().toString(36)}`;
	const created = await createEpisode(admin.id, { title: 'Authz-Folge', slug, date: '2026-02-01', season: 1, number: 90, type: 'full', summary: '', explicit: false, notes: '' });
	expect(created.ok).toBe(true);

	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'learner', cookie: await loginCookie(base, learner.email, learner.password) },
		{ name: 'trainer', cookie: await loginCookie(base, trainer.email, trainer.password) },
		{ name: 'admin', cookie: await loginCookie(base, admin.email, admin.password) }
	];
	const table = routes(slug, `${slug}-neu`);
	const snapshot = async () => ({
		episodes: (await db().select({ id: schema.episodes.id }).from(schema.episodes)).length,
		episode: (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)))[0],
		jobs: (await db().select({ id: schema.ingestJobs.id }).from(schema.ingestJobs)).length
	});
	const audited = async (id: string) => (await db().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, id))).map((a) => a.action);
	const before = await snapshot();

	expect(await checkAuthz(base, principals.filter((p) => p.name === 'anonymous' || p.name === 'learner'), table)).toEqual([]);
	expect(await snapshot(), 'nothing changed for anonymous and learner').toEqual(before);
	expect(await audited(learner.id)).toEqual([]);

	expect(await checkAuthz(base, principals.filter((p) => p.name === 'trainer' || p.name === 'admin'), table)).toEqual([]);
	const after = await snapshot();
	expect(after.episodes).toBe(before.episodes + 1);
	expect(after.episode.status).toBe('draft');
	expect(JSON.parse(after.episode.chapters)).toEqual([{ start: 0, title: 'Anfang' }]);
	expect(after.jobs).toBe(before.jobs);
	expect(await audited(trainer.id)).toEqual(['studio.episode.create', 'studio.episode.update', 'studio.episode.publish', 'studio.episode.publish', 'studio.episode.unpublish']);
});
