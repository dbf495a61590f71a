// Course analytics as SQL aggregates: enrolments and completions per week, the per-lesson funnel, the median time
// from enrolment to completion. Nothing here loads one row per learner into memory.
import { sql } from 'drizzle-orm';
import { db } from '../db';

const DAY = 86_400_000;

export interface WeekRow {
	/** Monday of the week, YYYY-MM-DD (UTC) */
	week: string;
	enrolled: number;
	completed: number;
	/** running totals up to and including this week */
	enrolledTotal: number;
	completedTotal: number;
}

// Monday of the (UTC) week of a ms timestamp: 'weekday 0' moves forward to Sunday, then back six days.
const mondayOf = (col: string) => sql.raw(`date(${col} / 1000, 'unixepoch', 'weekday 0', '-6 days')`);

/** Enrolments and completions per week with running totals (window functions); weeks without any are filled in. */
export async function enrolmentsByWeek(courseId: string): Promise<WeekRow[]> {
	const rows = await db().all<{ week: string; enrolled: number; completed: number; enrolled_total: number; completed_total: number }>(sql`
		with events as (
			select ${mondayOf('enrolled_at')} as week, 1 as enrolled, 0 as completed from enrolments where course_id = ${courseId}
			union all
			select ${mondayOf('completed_at')}, 0, 1 from enrolments where course_id = ${courseId} and completed_at is not null
		)
		select week, sum(enrolled) as enrolled, sum(completed) as completed,
		       sum(sum(enrolled)) over (order by week) as enrolled_total,
		       sum(sum(completed)) over (order by week) as completed_total
		from events group by week order by week`);
	return fillWeeks(rows.map((r) => ({ week: r.week, enrolled: Number(r.enrolled), completed: Number(r.completed), enrolledTotal: Number(r.enrolled_total), completedTotal: Number(r.completed_total) })));
}

/** Adds the empty weeks between the first and the last (at most ~5 years of them) so a chart's gaps are visible. */
function fillWeeks(rows: WeekRow[]): WeekRow[] {
	if (rows.length < 2) return rows;
	const out: WeekRow[] = [];
	let prev = rows[0];
	out.push(prev);
	for (const r of rows.slice(1)) {
		let t = Date.parse(prev.week + 'T00:00:00Z') + 7 * DAY;
		const end = Date.parse(r.week + 'T00:00:00Z');
		for (let n = 0; t < end && n < 260; t += 7 * DAY, n++) {
			out.push({ week: new Date(t).toISOString().slice(0, 10), enrolled: 0, completed: 0, enrolledTotal: prev.enrolledTotal, completedTotal: prev.completedTotal });
		}
		out.push(r);
		prev = r;
	}
	return out;
}

export interface FunnelRow {
	lessonId: string;
	title: string;
	/** 1-based position in reading order */
	position: number;
	started: number;
	completed: number;
	/** completed / enrolled, 0..1 */
	share: number;
}

/** For each live lesson in course order: how many enrolled learners started and completed it. */
export async function lessonFunnel(courseId: string): Promise<FunnelRow[]> {
	const rows = await db().all<{ id: string; title: string; started: number; completed: number; enrolled: number }>(sql`
		with enrolled as (select user_id from enrolments where course_id = ${courseId})
		select l.id, l.title,
		       count(p.user_id) as started,
		       count(p.completed_at) as completed,
		       (select count(*) from enrolled) as enrolled
		from lessons l
		join modules m on m.id = l.module_id
		left join lesson_progress p on p.lesson_id = l.id and p.user_id in (select user_id from enrolled)
		where l.course_id = ${courseId} and l.archived_at is null and l.published_revision_id is not null and m.archived_at is null
		group by l.id
		order by m.position, l.position`);
	return rows.map((r, i) => ({
		lessonId: r.id,
		title: r.title,
		position: i + 1,
		started: Number(r.started),
		completed: Number(r.completed),
		share: Number(r.enrolled) ? Number(r.completed) / Number(r.enrolled) : 0
	}));
}

export interface CourseSummary {
	enrolled: number;
	completed: number;
	/** median ms from enrolment to completion (the certificate is issued at that moment), null without completions */
	medianMs: number | null;
}

/** Headline numbers; the median is taken with row_number() over the sorted durations (two middle rows when even). */
export async function courseSummary(courseId: string): Promise<CourseSummary> {
	const [row] = await db().all<{ enrolled: number; completed: number; median_ms: number | null }>(sql`
		with d as (
			select completed_at - enrolled_at as ms from enrolments where course_id = ${courseId} and completed_at is not null
		), o as (
			select ms, row_number() over (order by ms) as rn, count(*) over () as n from d
		)
		select (select count(*) from enrolments where course_id = ${courseId}) as enrolled,
		       (select count(*) from d) as completed,
		       (select avg(ms) from o where rn in ((n + 1) / 2, (n + 2) / 2)) as median_ms`);
	return { enrolled: Number(row.enrolled), completed: Number(row.completed), medianMs: row.median_ms === null ? null : Number(row.median_ms) };
}

/** Headline numbers of several courses at once (the overview), one grouped query. */
export async function courseCounts(courseIds: string[]): Promise<Map<string, { enrolled: number; completed: number }>> {
	const out = new Map<string, { enrolled: number; completed: number }>();
	if (!courseIds.length) return out;
	const rows = await db().all<{ course_id: string; enrolled: number; completed: number }>(sql`
		select course_id, count(*) as enrolled, count(completed_at) as completed from enrolments
		where course_id in (${sql.join(courseIds.map((id) => sql`${id}`), sql`, `)}) group by course_id`);
	for (const r of rows) out.set(r.course_id, { enrolled: Number(r.enrolled), completed: Number(r.completed) });
	return out;
}
