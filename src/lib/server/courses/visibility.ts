// Who sees a course. 'public' courses: everyone. 'councils' courses: members (and trainers) of a linked council,
// the course's owners and admins; to everyone else such a course does not exist (404, absent from lists and search).
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { audit } from '../audit';
import { bumpContentVersion } from './cache';
import { allCourses, type CourseCard } from './catalogue';

export interface Visitor {
	id: string;
	role: string;
}

/** Ids of the council-only courses this user may see: linked to one of their councils, or owned by them. */
export async function councilCourseIdsFor(userId: string): Promise<Set<string>> {
	const rows = await db().all<{ id: string }>(sql`
		select co.course_id as id from course_organisations co join memberships m on m.organisation_id = co.organisation_id where m.user_id = ${userId}
		union
		select course_id from course_owners where user_id = ${userId}`);
	return new Set(rows.map((r) => r.id));
}

/** The live courses this visitor may see (the cached list, filtered with one query). */
export async function visibleCourses(user: Visitor | null | undefined): Promise<CourseCard[]> {
	const all = await allCourses();
	if (user?.role === 'admin' || all.every((c) => c.visibility === 'public')) return all;
	const mine = user ? await councilCourseIdsFor(user.id) : new Set<string>();
	return all.filter((c) => c.visibility === 'public' || mine.has(c.id));
}

/** Ids of the live courses a user (by id) may see; for code that acts for a user outside a request (podcast "heard"). */
export async function visibleCourseIdsOf(userId: string): Promise<Set<string>> {
	const u = (await db().select({ role: schema.users.role }).from(schema.users).where(eq(schema.users.id, userId)).limit(1))[0];
	return new Set((await visibleCourses(u ? { id: userId, role: u.role } : null)).map((c) => c.id));
}

/** The councils a course is limited to (for the admin form). */
export async function courseCouncilIds(courseId: string): Promise<string[]> {
	const rows = await db().select({ id: schema.courseOrganisations.organisationId }).from(schema.courseOrganisations).where(eq(schema.courseOrganisations.courseId, courseId));
	return rows.map((r) => r.id);
}

export type VisibilityResult = { ok: true } | { ok: false; error: 'analytics_visibility_unknown_course' | 'analytics_visibility_no_council' | 'analytics_visibility_unknown_council' };

/**
 * Makes a course public or limits it to councils. Every writer of `courses.visibility` must come through here:
 * it moves the content version in the database, so every instance's page and catalogue caches drop the old state.
 */
export async function setCourseVisibility(actorId: string, courseId: string, visibility: 'public' | 'councils', councilIds: string[]): Promise<VisibilityResult> {
	const ids = [...new Set(councilIds)];
	if (visibility === 'councils' && ids.length === 0) return { ok: false, error: 'analytics_visibility_no_council' };
	const result = await write(async (tx): Promise<VisibilityResult> => {
		const course = (await tx.select({ id: schema.courses.id }).from(schema.courses).where(eq(schema.courses.id, courseId)).limit(1))[0];
		if (!course) return { ok: false, error: 'analytics_visibility_unknown_course' };
		if (ids.length) {
			const found = await tx.select({ id: schema.organisations.id }).from(schema.organisations).where(inArray(schema.organisations.id, ids));
			if (found.length !== ids.length) return { ok: false, error: 'analytics_visibility_unknown_council' };
		}
		await tx.update(schema.courses).set({ visibility, updatedAt: Date.now() }).where(eq(schema.courses.id, courseId));
		await tx.delete(schema.courseOrganisations).where(eq(schema.courseOrganisations.courseId, courseId));
		if (visibility === 'councils') await tx.insert(schema.courseOrganisations).values(ids.map((organisationId) => ({ courseId, organisationId })));
		const now = Date.now();
		await tx
			.insert(schema.contentState)
			.values({ key: 'courses', hash: '', importedAt: now })
			.onConflictDoUpdate({ target: schema.contentState.key, set: { importedAt: sql`max(${schema.contentState.importedAt} + 1, ${now})` } });
		await audit(actorId, 'course.visibility', `course:${courseId}`, { visibility, councils: visibility === 'councils' ? ids : [] }, tx);
		return { ok: true };
	});
	if (result.ok) bumpContentVersion();
	return result;
}

/** Every live course with its visibility and councils, for the admin list. */
export async function coursesWithCouncils() {
	const [courses, links] = await Promise.all([
		db().select({ id: schema.courses.id, title: schema.courses.title, slug: schema.courses.slug, visibility: schema.courses.visibility }).from(schema.courses).where(sql`${schema.courses.archivedAt} is null`).orderBy(asc(schema.courses.title)),
		db().select().from(schema.courseOrganisations)
	]);
	return courses.map((c) => ({ ...c, councils: links.filter((l) => l.courseId === c.id).map((l) => l.organisationId) }));
}
