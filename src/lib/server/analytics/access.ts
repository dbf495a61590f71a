// Who sees which analytics: trainers their own (owned or co-owned) courses, admins every course. Learner names
// only for learners of the trainer's councils or of the trainer's own courses; everyone else only as counts.
import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { db, schema } from '../db';

export interface Viewer {
	id: string;
	role: string;
}

export interface AnalyticsCourse {
	id: string;
	slug: string;
	title: string;
	visibility: string;
}

const courseCols = { id: schema.courses.id, slug: schema.courses.slug, title: schema.courses.title, visibility: schema.courses.visibility };

/** The courses whose analytics the viewer may read, by title. */
export async function analyticsCourses(viewer: Viewer): Promise<AnalyticsCourse[]> {
	if (viewer.role === 'admin') return db().select(courseCols).from(schema.courses).where(isNull(schema.courses.archivedAt)).orderBy(asc(schema.courses.title));
	if (viewer.role !== 'trainer') return [];
	return db()
		.select(courseCols)
		.from(schema.courses)
		.innerJoin(schema.courseOwners, eq(schema.courseOwners.courseId, schema.courses.id))
		.where(and(eq(schema.courseOwners.userId, viewer.id), isNull(schema.courses.archivedAt)))
		.orderBy(asc(schema.courses.title));
}

/** The course if the viewer may read its analytics; null for unknown ids and for other trainers' courses alike. */
export async function courseForAnalytics(viewer: Viewer, courseId: string | null | undefined): Promise<AnalyticsCourse | null> {
	if (!courseId || courseId.length > 64) return null;
	if (viewer.role !== 'admin' && viewer.role !== 'trainer') return null;
	const q = db().select(courseCols).from(schema.courses);
	const rows =
		viewer.role === 'admin'
			? await q.where(eq(schema.courses.id, courseId)).limit(1)
			: await q
					.innerJoin(schema.courseOwners, eq(schema.courseOwners.courseId, schema.courses.id))
					.where(and(eq(schema.courses.id, courseId), eq(schema.courseOwners.userId, viewer.id)))
					.limit(1);
	return rows[0] ?? null;
}

/** SQL: the user in `userCol` is a member of a council the viewer trains (trainer membership, enabled trainer account, as isTrainerOfCouncil). */
export function councilLearner(viewer: Viewer, userCol: SQL): SQL {
	return sql`${userCol} in (
		select m.user_id from memberships m where m.organisation_id in (
			select tm.organisation_id from memberships tm join users tu on tu.id = tm.user_id
			where tm.user_id = ${viewer.id} and tm.role = 'trainer' and tu.disabled_at is null and tu.role in ('trainer', 'admin')))`;
}

/** SQL: the course in `courseCol` is owned or co-owned by the viewer. */
export function ownCourse(viewer: Viewer, courseCol: SQL): SQL {
	return sql`${courseCol} in (select o.course_id from course_owners o where o.user_id = ${viewer.id})`;
}

/** SQL: the user in `userCol` may be named to this viewer (a learner of the viewer's councils or own courses). */
export function nameableLearner(viewer: Viewer, userCol: SQL): SQL {
	if (viewer.role === 'admin') return sql`1 = 1`;
	if (viewer.role !== 'trainer') return sql`1 = 0`;
	return sql`(${councilLearner(viewer, userCol)} or ${userCol} in (select e.user_id from enrolments e where ${ownCourse(viewer, sql`e.course_id`)}))`;
}

/** May the viewer see this learner's name and progress? */
export async function canNameLearner(viewer: Viewer, learnerId: string): Promise<boolean> {
	if (!learnerId || learnerId.length > 64) return false;
	const rows = await db()
		.select({ id: schema.users.id })
		.from(schema.users)
		.where(and(eq(schema.users.id, learnerId), nameableLearner(viewer, sql`users.id`)))
		.limit(1);
	return rows.length > 0;
}
