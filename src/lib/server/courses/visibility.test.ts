// Council-only courses: visible to their councils' members, their owners and admins; to everyone else they do not exist.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { importCourses } from './import';
import { canSeeCourse, courseOutline, searchCourses, type CourseOutline } from './catalogue';
import { copyFixture, FIXTURE_COURSE, learner } from './test-helpers';
import { addCourseOwner } from './ownership';
import { coursesWithCouncils, setCourseVisibility, visibleCourses } from './visibility';
import { coursePageCache } from './page-cache';
import { createUser } from '../auth/accounts';
import { addMember, createCouncil } from '../admin/councils';
import { recentAudit } from '../audit';

let course: CourseOutline;
let councilId: string;
let otherCouncilId: string;
const people: Record<string, { id: string; role: string; email: string }> = {};

async function person(name: string, role: 'learner' | 'trainer' | 'admin') {
	const r = await createUser({ email: `vis-${name}-${process.pid}@example.org`, password: 'ein langes Passwort', displayName: name, role });
	if (!r.ok) throw new Error(r.reason);
	people[name] = { id: r.user.id, role, email: r.user.email };
	return people[name];
}

beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
	const admin = await person('admin', 'admin');
	await person('member', 'learner');
	await person('outsider', 'learner');
	await person('councilTrainer', 'trainer');
	await person('owner', 'trainer');
	await person('otherTrainer', 'trainer');
	const c = await createCouncil(admin.id, { name: 'Integrationsrat Sichtbar', city: 'Halle' });
	const o = await createCouncil(admin.id, { name: 'Anderer Beirat', city: 'Leipzig' });
	if (!c.ok || !o.ok) throw new Error('council');
	[councilId, otherCouncilId] = [c.id, o.id];
	await addMember(admin.id, councilId, people.member.email, 'member');
	await addMember(admin.id, councilId, people.councilTrainer.email, 'trainer');
	await addMember(admin.id, otherCouncilId, people.outsider.email, 'member');
	await addCourseOwner(course.id, people.owner.id);
});

const slugs = async (u: { id: string; role: string } | null) => (await visibleCourses(u)).map((c) => c.slug);

describe('course visibility', () => {
	it('refuses to limit a course to no council or an unknown one, and changes nothing', async () => {
		expect(await setCourseVisibility(people.admin.id, course.id, 'councils', [])).toEqual({ ok: false, error: 'analytics_visibility_no_council' });
		expect(await setCourseVisibility(people.admin.id, course.id, 'councils', ['nope'])).toEqual({ ok: false, error: 'analytics_visibility_unknown_council' });
		expect(await setCourseVisibility(people.admin.id, 'nope', 'public', [])).toEqual({ ok: false, error: 'analytics_visibility_unknown_course' });
		expect((await courseOutline(FIXTURE_COURSE))?.visibility).toBe('public');
	});

	it('hides a council course from everyone but its council, its owners and admins', async () => {
		// a visitor's page is cached while the course is public …
		const r = renderer();
		const path = `/courses/${FIXTURE_COURSE}`;
		await coursePageCache({ event: anonymous(path), resolve: r.resolve });
		await coursePageCache({ event: anonymous(path), resolve: r.resolve });
		expect(r.count()).toBe(1);

		expect(await setCourseVisibility(people.admin.id, course.id, 'councils', [councilId])).toEqual({ ok: true });
		const limited = (await courseOutline(FIXTURE_COURSE))!;
		expect(limited.visibility).toBe('councils');
		// … and never comes out of the cache once the course is limited
		await coursePageCache({ event: anonymous(path), resolve: r.resolve });
		await coursePageCache({ event: anonymous(path), resolve: r.resolve });
		expect(r.count()).toBe(3);

		for (const who of ['member', 'councilTrainer', 'owner', 'admin']) {
			expect(await canSeeCourse(limited, people[who].id, people[who].role), who).toBe(true);
			expect(await slugs(people[who]), who).toEqual([FIXTURE_COURSE]);
		}
		for (const who of ['outsider', 'otherTrainer']) {
			expect(await canSeeCourse(limited, people[who].id, people[who].role), who).toBe(false);
			expect(await slugs(people[who]), who).toEqual([]);
		}
		expect(await canSeeCourse(limited, null)).toBe(false);
		expect(await slugs(null)).toEqual([]);
		// search finds the id, but the catalogue intersects it with what the visitor may see
		expect(await searchCourses('Sitzu')).toEqual([course.id]);
		expect((await coursesWithCouncils()).find((c) => c.id === course.id)?.councils).toEqual([councilId]);
		// hearing an episode the course embeds completes nothing for someone who may not see the course
		const { write, schema, db } = await import('../db');
		const { eq, and } = await import('drizzle-orm');
		await write((tx) => tx.update(schema.lessons).set({ episode: 'eine-folge' }).where(eq(schema.lessons.id, course.lessons[0].id)));
		const { onEpisodeHeard } = await import('../podcast/heard');
		await onEpisodeHeard(people.outsider.id, 'eine-folge');
		await onEpisodeHeard(people.member.id, 'eine-folge');
		const enrolled = async (id: string) => (await db().select().from(schema.enrolments).where(and(eq(schema.enrolments.userId, id), eq(schema.enrolments.courseId, course.id)))).length;
		expect(await enrolled(people.outsider.id)).toBe(0);
		expect(await enrolled(people.member.id)).toBe(1);
		expect((await recentAudit(5)).some((a) => a.action === 'course.visibility' && a.target === `course:${course.id}`)).toBe(true);
	});

	it('shows the course to a learner who joins the council later, and to everyone when public again', async () => {
		const late = await learner('Spät Dabei');
		expect(await slugs({ id: late.id, role: 'learner' })).toEqual([]);
		await addMember(people.admin.id, councilId, late.email, 'member');
		expect(await slugs({ id: late.id, role: 'learner' })).toEqual([FIXTURE_COURSE]);
		expect(await setCourseVisibility(people.admin.id, course.id, 'public', [councilId])).toEqual({ ok: true });
		expect(await slugs(null)).toEqual([FIXTURE_COURSE]);
		expect((await coursesWithCouncils())[0].councils).toEqual([]);
	});
});

function anonymous(path: string): RequestEvent {
	return {
		request: new Request('http://x' + path),
		url: new URL('http://x' + path),
		locals: { user: null, locale: 'de', session: null },
		cookies: { get: () => undefined, serialize: () => '' },
		isDataRequest: false
	} as unknown as RequestEvent;
}

function renderer() {
	let renders = 0;
	const resolve = async () => {
		renders++;
		return new Response(`<p>render ${renders}</p>`, { headers: { 'content-type': 'text/html' } });
	};
	return { resolve: resolve as unknown as Parameters<typeof coursePageCache>[0]['resolve'], count: () => renders };
}
