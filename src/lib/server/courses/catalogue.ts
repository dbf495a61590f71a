// Read side of courses for pages: catalogue, course outline, lesson view. Everything here is the same for every
// visitor, so it is cached per content version (per revision for lesson text); progress is added by the caller.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { db, schema } from '../db';
import { versioned, Lru } from './cache';
import { publicQuiz, type PublicQuizQuestion, type QuizQuestion } from '../../content/quiz';
import type { QuizMode } from '../db/schema';

export interface CourseCard {
	id: string;
	slug: string;
	title: string;
	summary: string;
	summaryEn: string;
	language: string;
	level: string;
	topics: string[];
	hours: number;
	featured: boolean;
	demo: boolean;
	lessonCount: number;
	visibility: string;
	/** not published yet: only the studio (owners, admins) shows it; learner pages answer 404 */
	draft: boolean;
	/** the cover image (served from /media, immutable), with its alt text and size; null without one */
	cover: { src: string; alt: string; width: number; height: number } | null;
}
export interface OutlineLesson {
	id: string;
	slug: string;
	title: string;
	durationMin: number;
	hasQuiz: boolean;
	/** the quiz's policy (front matter `quiz:`, else the course's setting); null without a quiz */
	quizMode: QuizMode | null;
}
export interface CourseOutline extends CourseCard {
	descriptionHtml: string;
	passScore: number;
	/** the quiz policy's numbers (quiz-policy.ts) */
	quizAttempts: number;
	quizWaitS: number;
	certificate: boolean;
	modules: { id: string; slug: string; title: string; summary: string; lessons: OutlineLesson[] }[];
	/** lessons in reading order */
	lessons: OutlineLesson[];
}

const cardsCache = versioned<CourseCard[]>(4);
const outlineCache = versioned<CourseOutline | null>(256);
const searchCache = versioned<string[]>(512);

/** Every live, published course (public and council-only), ordered featured first, then by title. Drafts are never listed. */
export function allCourses(): Promise<CourseCard[]> {
	return cardsCache('all', async () => {
		const rows = await db()
			.select({ c: schema.courses, n: sql<number>`(select count(*) from lessons l where l.course_id = courses.id and l.archived_at is null and l.published_revision_id is not null)` })
			.from(schema.courses)
			.where(and(isNull(schema.courses.archivedAt), eq(schema.courses.draft, false)))
			.orderBy(sql`${schema.courses.featured} desc`, asc(schema.courses.title));
		return rows.map(({ c, n }) => toCard(c, n));
	});
}

function toCard(c: typeof schema.courses.$inferSelect, lessonCount: number): CourseCard {
	return {
		id: c.id, slug: c.slug, title: c.title, summary: c.summary, summaryEn: c.summaryEn, language: c.language, level: c.level,
		topics: JSON.parse(c.topics) as string[], hours: c.hours, featured: c.featured, demo: c.demo, lessonCount: Number(lessonCount), visibility: c.visibility, draft: c.draft,
		cover: c.coverPath && c.coverWidth && c.coverHeight ? { src: `/media/${c.coverPath}`, alt: c.coverAlt, width: c.coverWidth, height: c.coverHeight } : null
	};
}

/** Course ids matching a free-text query (every word as a prefix), best first. */
export function searchCourses(q: string): Promise<string[]> {
	const terms = q
		.toLowerCase()
		.split(/[^\p{L}\p{N}]+/u)
		.filter((t) => t.length > 0)
		.slice(0, 8);
	if (!terms.length) return Promise.resolve([]);
	const match = terms.map((t) => `"${t.replace(/"/g, '')}"*`).join(' ');
	return searchCache(match, async () => {
		const rows = await db().all<{ course_id: string }>(
			sql`select course_id, min(rank) as r from course_search where course_search match ${match} group by course_id order by r`
		);
		return rows.map((r) => r.course_id);
	});
}

export function courseOutline(slug: string): Promise<CourseOutline | null> {
	return outlineCache(slug, async () => {
		const c = (await db().select().from(schema.courses).where(and(eq(schema.courses.slug, slug), isNull(schema.courses.archivedAt))).limit(1))[0];
		if (!c) return null;
		const mods = await db()
			.select()
			.from(schema.modules)
			.where(and(eq(schema.modules.courseId, c.id), isNull(schema.modules.archivedAt)))
			.orderBy(asc(schema.modules.position));
		const ls = await db()
			.select({ id: schema.lessons.id, slug: schema.lessons.slug, title: schema.lessons.title, durationMin: schema.lessons.durationMin, hasQuiz: schema.lessons.hasQuiz, lessonQuizMode: schema.lessons.quizMode, moduleId: schema.lessons.moduleId })
			.from(schema.lessons)
			.where(and(eq(schema.lessons.courseId, c.id), isNull(schema.lessons.archivedAt), sql`${schema.lessons.publishedRevisionId} is not null`))
			.orderBy(asc(schema.lessons.position));
		const modules = mods
			.map((m) => ({ id: m.id, slug: m.slug, title: m.title, summary: m.summary, lessons: ls.filter((l) => l.moduleId === m.id).map(({ moduleId: _m, lessonQuizMode, ...l }) => ({ ...l, quizMode: l.hasQuiz ? (lessonQuizMode ?? c.quizMode) : null })) }))
			.filter((m) => m.lessons.length > 0);
		const lessons = modules.flatMap((m) => m.lessons);
		return { ...toCard(c, lessons.length), descriptionHtml: c.descriptionHtml, passScore: c.passScore, quizAttempts: c.quizAttempts, quizWaitS: c.quizWaitS, certificate: c.certificate, modules, lessons };
	});
}

export interface LessonContent {
	revisionId: string;
	html: string;
	episode: string | null;
	summaryEn: string;
	quiz: PublicQuizQuestion[] | null;
}

const revisionCache = new Lru<{ content: LessonContent; quiz: QuizQuestion[] | null }>(500);

/** A revision's page content and its full quiz (answers included: server only), cached by revision id. */
export async function loadRevision(revisionId: string) {
	let hit = revisionCache.get(revisionId);
	if (hit) return hit;
	const r = (await db().select().from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, revisionId)).limit(1))[0];
	if (!r) return null;
	const quiz = r.quiz ? (JSON.parse(r.quiz) as QuizQuestion[]) : null;
	const meta = JSON.parse(r.meta) as { episode?: string | null; summaryEn?: string };
	hit = { content: { revisionId: r.id, html: r.html, episode: meta.episode ?? null, summaryEn: meta.summaryEn ?? '', quiz: quiz ? publicQuiz(quiz) : null }, quiz };
	revisionCache.set(revisionId, hit);
	return hit;
}

/** The published text of a lesson (safe to send: the quiz without its answers). Cached per revision. */
export async function lessonContent(lessonId: string): Promise<LessonContent | null> {
	const l = (await db().select({ rev: schema.lessons.publishedRevisionId }).from(schema.lessons).where(eq(schema.lessons.id, lessonId)).limit(1))[0];
	return l?.rev ? ((await loadRevision(l.rev))?.content ?? null) : null;
}

const publishedCache = versioned<string | null>(2048);
/** Like lessonContent, but the published revision id is looked up once per content version. */
export async function cachedLessonContent(lessonId: string): Promise<LessonContent | null> {
	const rev = await publishedCache(lessonId, async () => (await db().select({ rev: schema.lessons.publishedRevisionId }).from(schema.lessons).where(eq(schema.lessons.id, lessonId)).limit(1))[0]?.rev ?? null);
	return rev ? ((await loadRevision(rev))?.content ?? null) : null;
}

/** The full quiz (with answers) of a revision, if that revision belongs to the lesson. Server-side grading only. */
export async function quizForGrading(lessonId: string, revisionId: string): Promise<QuizQuestion[] | null> {
	const r = (await db().select({ lessonId: schema.lessonRevisions.lessonId }).from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, revisionId)).limit(1))[0];
	if (!r || r.lessonId !== lessonId) return null;
	return (await loadRevision(revisionId))?.quiz ?? null;
}

/**
 * May this user see a course? Council-only courses: admins, the course's owners, and members (or trainers) of a
 * linked council; to anyone else they do not exist. (Lists filter with visibleCourses in visibility.ts.)
 * A draft exists on no learner page, not even for its owners: they see it in the studio's preview, which writes no progress.
 */
export async function canSeeCourse(course: { id: string; visibility: string; draft: boolean }, userId: string | null, role?: string): Promise<boolean> {
	if (course.draft) return false;
	if (course.visibility === 'public' || role === 'admin') return true;
	if (!userId) return false;
	const rows = await db().all<{ one: number }>(sql`
		select 1 as one from course_organisations co join memberships m on m.organisation_id = co.organisation_id
		where co.course_id = ${course.id} and m.user_id = ${userId}
		union all
		select 1 from course_owners where course_id = ${course.id} and user_id = ${userId}
		limit 1`);
	return rows.length > 0;
}

/** Live lessons that embed a podcast episode (the podcast domain completes them when the episode was heard). */
export async function lessonsEmbeddingEpisode(episodeSlug: string): Promise<{ id: string; courseId: string }[]> {
	return db()
		.select({ id: schema.lessons.id, courseId: schema.lessons.courseId })
		.from(schema.lessons)
		.where(and(eq(schema.lessons.episode, episodeSlug), isNull(schema.lessons.archivedAt)));
}
