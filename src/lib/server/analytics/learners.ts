// Learner-level analytics: names and per-learner progress only for learners the viewer may name (see access.ts);
// the rest of a course's learners appear as a count. One grouped query each, capped.
import { sql } from 'drizzle-orm';
import { db } from '../db';
import { councilLearner, nameableLearner, ownCourse, type Viewer } from './access';
import { containsPattern, paged, type Paged } from '../admin/paging';

export const LEARNER_LIMIT = 500;

export interface LearnerRow {
	userId: string;
	name: string;
	enrolledAt: number;
	completedAt: number | null;
	done: number;
	total: number;
	lastActivity: number;
}

const liveLessons = (courseCol: string) =>
	sql.raw(`(select count(*) from lessons l where l.course_id = ${courseCol} and l.archived_at is null and l.published_revision_id is not null)`);

/**
 * A course's learners: the named ones (by name; up to LEARNER_LIMIT for the page, all of them for the CSV download)
 * and how many others there are.
 */
export async function courseLearners(viewer: Viewer, courseId: string, opts: { all?: boolean } = {}): Promise<{ named: LearnerRow[]; others: number }> {
	const allowed = nameableLearner(viewer, sql`e.user_id`);
	const rows = await db().all<{ user_id: string; name: string; enrolled_at: number; completed_at: number | null; done: number; total: number; last: number | null }>(sql`
		select e.user_id, u.display_name as name, e.enrolled_at, e.completed_at,
		       count(p.completed_at) as done, ${liveLessons('e.course_id')} as total,
		       max(coalesce(p.completed_at, p.started_at)) as last
		from enrolments e
		join users u on u.id = e.user_id
		left join lesson_progress p on p.user_id = e.user_id
		     and p.lesson_id in (select id from lessons where course_id = e.course_id and archived_at is null and published_revision_id is not null)
		where e.course_id = ${courseId} and ${allowed}
		group by e.user_id
		order by u.display_name collate nocase, e.user_id
		limit ${opts.all ? -1 : LEARNER_LIMIT}`);
	const [{ others }] = await db().all<{ others: number }>(sql`
		select count(*) as others from enrolments e where e.course_id = ${courseId} and not ${allowed}`);
	return { named: rows.map(toRow), others: Number(others) };
}

function toRow(r: { user_id: string; name: string; enrolled_at: number; completed_at: number | null; done: number; total: number; last: number | null }): LearnerRow {
	return {
		userId: r.user_id,
		name: r.name,
		enrolledAt: Number(r.enrolled_at),
		completedAt: r.completed_at === null ? null : Number(r.completed_at),
		done: Number(r.done),
		total: Number(r.total),
		lastActivity: Number(r.last ?? r.enrolled_at)
	};
}

export interface NamedLearner {
	userId: string;
	name: string;
	courses: number;
	completed: number;
}

export const PEOPLE_PER_PAGE = 50;

/**
 * Everyone the viewer may name (council members and learners of own courses), with their course counts: one page,
 * optionally only names containing `q`, and how many there are in all.
 */
export async function nameableLearners(viewer: Viewer, opts: { q?: string; page?: number } = {}): Promise<Paged<NamedLearner>> {
	const page = opts.page ?? 1;
	const q = (opts.q ?? '').trim();
	const where = sql`u.id <> ${viewer.id} and ${nameableLearner(viewer, sql`u.id`)} ${q ? sql`and u.display_name like ${containsPattern(q)} escape '\\'` : sql``}`;
	const [{ total }] = await db().all<{ total: number }>(sql`select count(*) as total from users u where ${where}`);
	const rows = await db().all<{ id: string; name: string; courses: number; completed: number }>(sql`
		select u.id, u.display_name as name, count(e.course_id) as courses, count(e.completed_at) as completed
		from users u left join enrolments e on e.user_id = u.id
		where ${where}
		group by u.id
		order by u.display_name collate nocase, u.id
		limit ${PEOPLE_PER_PAGE} offset ${(page - 1) * PEOPLE_PER_PAGE}`);
	return paged(
		rows.map((r) => ({ userId: r.id, name: r.name, courses: Number(r.courses), completed: Number(r.completed) })),
		Number(total),
		page,
		PEOPLE_PER_PAGE
	);
}

export interface LearnerCourse {
	courseId: string;
	title: string;
	enrolledAt: number;
	completedAt: number | null;
	done: number;
	total: number;
}

/**
 * One nameable learner's enrolments; null when the viewer may not name them (unknown ids look the same).
 * A learner of the viewer's councils shows every course; a learner known only from the viewer's courses shows those.
 */
export async function learnerDetail(viewer: Viewer, learnerId: string): Promise<{ name: string; courses: LearnerCourse[] } | null> {
	if (!learnerId || learnerId.length > 64) return null;
	const [user] = await db().all<{ name: string }>(sql`
		select u.display_name as name from users u where u.id = ${learnerId} and ${nameableLearner(viewer, sql`u.id`)}`);
	if (!user) return null;
	const rows = await db().all<{ course_id: string; title: string; enrolled_at: number; completed_at: number | null; done: number; total: number }>(sql`
		select e.course_id, c.title, e.enrolled_at, e.completed_at, count(p.completed_at) as done, ${liveLessons('e.course_id')} as total
		from enrolments e
		join courses c on c.id = e.course_id
		left join lessons l on l.course_id = e.course_id and l.archived_at is null and l.published_revision_id is not null
		left join lesson_progress p on p.lesson_id = l.id and p.user_id = e.user_id
		where e.user_id = ${learnerId} and ${courseScope(viewer, learnerId)}
		group by e.course_id
		order by e.enrolled_at desc`);
	return {
		name: user.name,
		courses: rows.map((r) => ({ courseId: r.course_id, title: r.title, enrolledAt: Number(r.enrolled_at), completedAt: r.completed_at === null ? null : Number(r.completed_at), done: Number(r.done), total: Number(r.total) }))
	};
}

function courseScope(viewer: Viewer, learnerId: string) {
	if (viewer.role === 'admin') return sql`1 = 1`;
	return sql`(${ownCourse(viewer, sql`e.course_id`)} or ${councilLearner(viewer, sql`${learnerId}`)})`;
}
