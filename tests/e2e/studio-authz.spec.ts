// The authorisation matrix for the studio's course part: every page, form action, JSON endpoint and the export,
// for anonymous, learner, a trainer who does not own the course, the owning trainer and an admin, over real HTTP.
// Those who may not edit go first and must change nothing in the database; then owner and admin.
// Also: the XSS corpus published through the studio runs no script on the public lesson page.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Expectation, type Principal } from '../authz';
import { XSS } from '../fixtures/xss-corpus';

const NAMES = ['anonymous', 'learner', 'other', 'owner', 'admin'];

/** Studio pages any trainer may open. */
const anyTrainer = (ok: Expectation = 'ok') => expectAll(NAMES, ok, { anonymous: 'login', learner: 'forbidden' });
/** Pages and actions of one course: its owners and admins only. */
const ownerOnly = (owner: Expectation, admin: Expectation = owner) => expectAll(NAMES, 'forbidden', { anonymous: 'login', owner, admin });
/** JSON endpoints answer 401 instead of a login redirect. */
const apiOwnerOnly = () => expectAll(NAMES, 'forbidden', { anonymous: 401, owner: 'ok', admin: 'ok' });

async function setup() {
	const [learner, other, owner, admin, third] = await Promise.all([createUserInDb('learner'), createUserInDb('trainer'), createUserInDb('trainer', { name: 'Owner Authz' }), createUserInDb('admin'), createUserInDb('trainer')]);
	const { studioCourse, text } = await import('../../src/lib/server/studio/test-helpers');
	const { publishLesson } = await import('../../src/lib/server/studio/publish');
	const slug = `authz-${Date.now().toString(36)}`;
	const { course, lesson, moduleId } = await studioCourse({ id: owner.id, role: 'trainer' }, slug);
	const p = await publishLesson(owner, course, lesson, { ...text(), baseRevisionId: null });
	if (!p.ok) throw new Error('publish');
	return { learner, other, owner, admin, third, slug, courseId: course.id, lessonId: lesson.id, moduleId, firstRevision: p.revisionId };
}

function routes(s: Awaited<ReturnType<typeof setup>>): AuthzRoute[] {
	const c = `/studio/courses/${s.slug}`;
	const l = `${c}/lessons/beraten`;
	const api = `/api/studio/courses/${s.slug}/lessons/beraten`;
	const draft = { title: 'Beraten', duration: 7, summaryEn: '', episode: '', body: 'Entwurf aus dem Test.\n', baseRevisionId: s.firstRevision };
	const lessonForm = { title: 'Beraten', duration: '7', summaryEn: '', episode: '', body: 'Neu veröffentlicht.\n', baseRevisionId: s.firstRevision };
	return [
		{ path: '/studio', expect: anyTrainer() },
		{ path: '/studio/courses', expect: anyTrainer() },
		{ path: '/studio/courses/new', expect: anyTrainer() },
		{ path: '/studio/courses/upload', expect: anyTrainer() },
		{ path: c, expect: ownerOnly('ok') },
		{ path: `${c}/settings`, expect: ownerOnly('ok') },
		{ path: `${c}/export`, expect: ownerOnly('ok') },
		{ path: `${c}/preview`, expect: ownerOnly('ok') },
		{ path: `${c}/preview/beraten`, expect: ownerOnly('ok') },
		{ path: `${c}/preview/no-such-lesson`, expect: ownerOnly('notFound') },
		{ method: 'POST', path: `${c}?/unpublish`, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/publish`, expect: ownerOnly('redirect') },
		{ path: l, expect: ownerOnly('ok') },
		{ path: `${l}/history`, expect: ownerOnly('ok') },
		{ path: '/studio/courses/no-such-course', expect: expectAll(NAMES, 'notFound', { anonymous: 'login', learner: 'forbidden' }) },
		{ path: `${c}/lessons/no-such-lesson`, expect: ownerOnly('notFound') },
		{ method: 'POST', path: api + '/preview', json: draft, expect: apiOwnerOnly() },
		{ method: 'POST', path: api + '/draft', json: draft, expect: apiOwnerOnly() },
		{ method: 'POST', path: `${c}?/addModule`, form: { title: 'Neues Modul' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/renameModule`, form: { id: s.moduleId, title: 'Umbenannt' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/archiveModule`, form: { id: s.moduleId }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/restoreModule`, form: { id: s.moduleId }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/addLesson`, form: { moduleId: s.moduleId, title: 'Noch eine Lektion' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/move`, form: { kind: 'module', id: s.moduleId, direction: 'down' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/archiveLesson`, form: { id: s.lessonId }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/restoreLesson`, form: { id: s.lessonId }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}?/archiveLesson`, form: { id: 'not-in-this-course' }, expect: ownerOnly('notFound') },
		{ method: 'POST', path: `${c}/settings?/update`, form: { title: 'Authz-Kurs', summary: 'Demo.', language: 'de', level: 'beginner', hours: '2', passScore: '70', visibility: 'public' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${c}/settings?/addOwner`, form: { email: s.third.email }, expect: ownerOnly('ok') },
		{ method: 'POST', path: `${c}/settings?/addOwner`, form: { email: s.learner.email }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${l}?/save`, form: { ...lessonForm, body: 'Gespeichert.\n' }, expect: ownerOnly('ok', 409) },
		{ method: 'POST', path: `${l}?/publish`, form: { ...lessonForm, resolution: 'mine' }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${l}?/publish`, form: { ...lessonForm, body: '## Quiz\n\n### Kaputt\n\n- [ ] a\n- [ ] b\n', resolution: 'mine' }, expect: ownerOnly(400) },
		// the image upload: without a file it is refused (400) for those who may edit, before that for everyone else
		{ method: 'POST', path: `${l}?/image`, form: { alt: 'Ein Bild' }, expect: ownerOnly(400) },
		{ method: 'POST', path: `${l}?/merge`, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${l}?/discard`, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${l}/history?/restore`, form: { id: s.firstRevision }, expect: ownerOnly('redirect') },
		{ method: 'POST', path: `${l}/history?/restore`, form: { id: 'not-a-revision' }, expect: ownerOnly('notFound') },
		{ method: 'POST', path: '/studio/courses/upload', form: {}, expect: anyTrainer(400) }
	];
}

test('every studio course route answers anonymous, learner, other trainer, owner and admin as it should', async () => {
	test.setTimeout(180_000);
	const base = process.env.E2E_BASE_URL!;
	const s = await setup();
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq, inArray } = await import('drizzle-orm');
	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'learner', cookie: await loginCookie(base, s.learner.email, s.learner.password) },
		{ name: 'other', cookie: await loginCookie(base, s.other.email, s.other.password) },
		{ name: 'owner', cookie: await loginCookie(base, s.owner.email, s.owner.password) },
		{ name: 'admin', cookie: await loginCookie(base, s.admin.email, s.admin.password) }
	];
	const snapshot = async () => {
		const lessons = await db().select().from(schema.lessons).where(eq(schema.lessons.courseId, s.courseId));
		const ids = lessons.map((l) => l.id);
		return {
			course: await db().select().from(schema.courses).where(eq(schema.courses.id, s.courseId)),
			modules: await db().select().from(schema.modules).where(eq(schema.modules.courseId, s.courseId)),
			lessons,
			revisions: (await db().select({ id: schema.lessonRevisions.id }).from(schema.lessonRevisions).where(inArray(schema.lessonRevisions.lessonId, ids))).length,
			drafts: await db().select().from(schema.lessonDrafts).where(inArray(schema.lessonDrafts.lessonId, ids)),
			owners: await db().select().from(schema.courseOwners).where(eq(schema.courseOwners.courseId, s.courseId))
		};
	};
	const before = await snapshot();
	const table = routes(s);
	expect(await checkAuthz(base, principals.filter((p) => ['anonymous', 'learner', 'other'].includes(p.name)), table)).toEqual([]);
	expect(await snapshot(), 'nothing changed for those who may not edit').toEqual(before);

	expect(await checkAuthz(base, principals.filter((p) => ['owner', 'admin'].includes(p.name)), table)).toEqual([]);
	const after = await snapshot();
	expect(after.modules.length).toBe(before.modules.length + 2);
	expect(after.course[0].title).toBe('Authz-Kurs');
	expect(after.owners.length).toBe(2);
	// two publishes and two restores on top of the first revision
	expect(after.revisions).toBe(before.revisions + 4);
});

test('the XSS corpus published through the studio runs no script on the public lesson page', async ({ page }) => {
	test.setTimeout(120_000);
	const base = process.env.E2E_BASE_URL!;
	const owner = await createUserInDb('trainer');
	const { studioCourse } = await import('../../src/lib/server/studio/test-helpers');
	const slug = `xss-${Date.now().toString(36)}`;
	const { lesson } = await studioCourse({ id: owner.id, role: 'trainer' }, slug);
	const cookie = await loginCookie(base, owner.email, owner.password);
	const publish = (body: string) =>
		fetch(`${base}/studio/courses/${slug}/lessons/beraten?/publish`, {
			method: 'POST',
			redirect: 'manual',
			headers: { cookie, origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ title: 'XSS-Korpus', duration: '5', summaryEn: '', episode: '', body, baseRevisionId: lesson.publishedRevisionId ?? '' })
		});
	// Markdown images from anywhere but the course's own media are refused at publishing, with the line
	const refused = await publish(XSS.join('\n\n') + '\n');
	expect(refused.status).toBe(400);
	expect(await refused.text()).toContain('liegt nicht bei diesem Kurs');
	// the rest of the corpus (raw HTML images included) is published and must come out harmless
	const res = await publish(XSS.filter((p) => !p.startsWith('![')).join('\n\n') + '\n');
	expect(res.status, (await res.text()).slice(0, 500)).toBe(303);

	const dialogs: string[] = [];
	page.on('dialog', async (d) => {
		dialogs.push(d.message());
		await d.dismiss();
	});
	await page.addInitScript(() => {
		(window as unknown as { alert: (m: string) => void }).alert = () => ((window as unknown as { __xss: boolean }).__xss = true);
	});
	await page.goto(`/courses/${slug}/beraten`);
	await expect(page.getByRole('heading', { level: 1, name: 'XSS-Korpus' })).toBeVisible();
	await page.locator('.prose a, .prose img, .prose details').evaluateAll((els) => els.forEach((e) => e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))));
	await page.waitForTimeout(500);
	expect(await page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss ?? false)).toBe(false);
	expect(dialogs).toEqual([]);
	expect(await page.locator('.prose script, .prose iframe, .prose object, .prose embed, .prose svg').count()).toBe(0);
});
