// Per quiz question: how many answers, the share answered right, the most chosen wrong option. Computed in SQL with
// json_each over the stored answers (question id → option ids) and the quiz JSON of the revision each attempt was
// graded against, so an edited question is judged as the learner saw it.
import { sql } from 'drizzle-orm';
import { db } from '../db';

export interface QuestionStats {
	lessonId: string;
	lessonTitle: string;
	questionId: string;
	/** the question as plain text */
	question: string;
	answered: number;
	right: number;
	/** right / answered, 0..1 (0 when unanswered) */
	share: number;
	wrongOption: string | null;
	wrongCount: number;
}

/** Plain text of the small sanitised inline HTML a quiz stores (titles, options). */
export function plainText(html: string | null): string {
	if (html === null) return '';
	return html
		.replace(/<[^>]*>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&nbsp;/g, ' ')
		.replace(/&amp;/g, '&')
		.trim();
}

export async function quizQuestionStats(courseId: string): Promise<QuestionStats[]> {
	const rows = await db().all<{ lesson_id: string; lesson_title: string; qid: string; qhtml: string; answered: number | null; right: number | null; wrong_html: string | null; wrong_n: number | null }>(sql`
		with ls as (
			select l.id, l.title, l.published_revision_id as rev, m.position as mpos, l.position as lpos
			from lessons l join modules m on m.id = l.module_id
			where l.course_id = ${courseId} and l.archived_at is null and m.archived_at is null and l.published_revision_id is not null
		), qs as (
			select ls.id as lesson_id, ls.title as lesson_title, ls.mpos, ls.lpos, q.key as qn, q.value ->> '$.id' as qid, q.value ->> '$.html' as qhtml
			from ls join lesson_revisions r on r.id = ls.rev join json_each(r.quiz) q
			where r.quiz is not null
		), opts as materialized (
			-- every option of every quiz revision of these lessons, parsed once
			select r.id as rev, rq.value ->> '$.id' as qid, ro.value ->> '$.id' as oid, ro.value ->> '$.html' as ohtml,
			       coalesce(ro.value ->> '$.correct', 0) as ok,
			       sum(coalesce(ro.value ->> '$.correct', 0)) over (partition by r.id, rq.value ->> '$.id') as need
			from lesson_revisions r join json_each(r.quiz) rq join json_each(rq.value, '$.options') ro
			where r.lesson_id in (select id from ls) and r.quiz is not null
		), picks as (
			select a.id as aid, a.lesson_id, aq.key as qid, o.oid, o.ohtml, o.ok, o.need
			from quiz_attempts a
			join json_each(a.answers) aq
			join json_each(aq.value) c
			join opts o on o.rev = a.revision_id and o.qid = aq.key and o.oid = c.value
			where a.lesson_id in (select id from ls)
		), per_answer as (
			select lesson_id, qid, aid, (sum(ok) = max(need) and sum(1 - ok) = 0) as is_right from picks group by lesson_id, qid, aid
		), answer_stats as (
			select lesson_id, qid, count(*) as answered, sum(is_right) as right from per_answer group by lesson_id, qid
		), wrong as (
			select lesson_id, qid, max(ohtml) as ohtml, count(*) as n,
			       row_number() over (partition by lesson_id, qid order by count(*) desc, oid) as rn
			from picks where ok = 0 group by lesson_id, qid, oid
		)
		select qs.lesson_id, qs.lesson_title, qs.qid, qs.qhtml, s.answered, s.right, w.ohtml as wrong_html, w.n as wrong_n
		from qs
		left join answer_stats s on s.lesson_id = qs.lesson_id and s.qid = qs.qid
		left join wrong w on w.lesson_id = qs.lesson_id and w.qid = qs.qid and w.rn = 1
		order by qs.mpos, qs.lpos, qs.qn`);
	return rows.map((r) => {
		const answered = Number(r.answered ?? 0);
		const right = Number(r.right ?? 0);
		return {
			lessonId: r.lesson_id,
			lessonTitle: r.lesson_title,
			questionId: r.qid,
			question: plainText(r.qhtml),
			answered,
			right,
			share: answered ? right / answered : 0,
			wrongOption: r.wrong_html === null ? null : plainText(r.wrong_html),
			wrongCount: Number(r.wrong_n ?? 0)
		};
	});
}
