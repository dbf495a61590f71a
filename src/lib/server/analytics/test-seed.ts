// Test helpers: thousands of learners, enrolments, progress rows and quiz attempts written by SQL in a few
// statements (a recursive counter), following simple rules on the row number so tests can predict every figure.
import { sql } from 'drizzle-orm';
import { write } from '../db';

export const WEEK = 7 * 86_400_000;
export const DAY = 86_400_000;
/** a Monday, 00:00 UTC */
export const BASE = Date.UTC(2025, 0, 6);

const counter = (n: number) => sql`with recursive n(i) as (select 0 union all select i + 1 from n where i < ${n - 1})`;

/**
 * `n` learners `${prefix}-i` enrolled in the course in week i % 10; learner i completes the first i % 5 lessons
 * (of `lessonIds`, in course order) and starts the next; with all four done, the course after (i % 7) + 1 days.
 */
export async function seedLearners(prefix: string, n: number, courseId: string, lessonIds: string[]) {
	const k = lessonIds.length;
	await write(async (tx) => {
		await tx.run(sql`insert into users (id, email, email_key, display_name, password_hash, locale, role, privacy_accepted_at, created_at)
			${counter(n)} select ${prefix} || '-' || i, ${prefix} || i || '@example.org', ${prefix} || i || '@example.org', 'Bulk ' || ${prefix} || ' ' || i, 'x', 'de', 'learner', 0, 0 from n`);
		await tx.run(sql`insert into enrolments (user_id, course_id, enrolled_at, completed_at)
			${counter(n)} select ${prefix} || '-' || i, ${courseId}, ${BASE} + (i % 10) * ${WEEK} + 3600000,
			case when i % ${k + 1} = ${k} then ${BASE} + (i % 10) * ${WEEK} + 3600000 + ((i % 7) + 1) * ${DAY} end from n`);
		for (const [j, lessonId] of lessonIds.entries()) {
			await tx.run(sql`insert into lesson_progress (user_id, lesson_id, started_at, completed_at, completed_by)
				${counter(n)} select ${prefix} || '-' || i, ${lessonId}, ${BASE} + (i % 10) * ${WEEK} + 3600000 + ${j} * 60000,
				case when i % ${k + 1} > ${j} then ${BASE} + (i % 10) * ${WEEK} + 3600000 + ${j} * 60000 end, 'manual'
				from n where i % ${k + 1} >= ${j}`);
		}
	});
}

/** `n` attempts by learners `${prefix}-i`: answers[i % answers.length] (question id → option ids). */
export async function seedAttempts(prefix: string, n: number, lessonId: string, revisionId: string, answers: Record<string, string[]>[]) {
	const pick = sql.join(answers.map((a, k) => sql`when ${k} then ${JSON.stringify(a)}`), sql` `);
	await write((tx) =>
		tx.run(sql`insert into quiz_attempts (id, user_id, lesson_id, revision_id, answers, score, passed, created_at)
			${counter(n)} select 'att-' || ${prefix} || '-' || i, ${prefix} || '-' || i, ${lessonId}, ${revisionId},
			case i % ${answers.length} ${pick} end, 0, 0, ${BASE} from n`)
	);
}
