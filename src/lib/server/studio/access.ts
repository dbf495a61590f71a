// Who may touch what in the studio: every studio load, action and endpoint calls one of these after the role guard.
// Unknown course or lesson → 404; a course the user does not own (and is not admin) → 403.
import { error } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { canEditCourse } from '../courses/ownership';
import type { SessionUser } from '../auth/session';
import { t } from '../i18n';

type Who = Pick<SessionUser, 'id' | 'role'>;

export async function courseForEdit(user: Who, slug: string, locale: string) {
	const course = (await db().select().from(schema.courses).where(eq(schema.courses.slug, slug)).limit(1))[0];
	if (!course) error(404, t(locale, 'studio_course_not_found'));
	if (!(await canEditCourse(user, course.id))) error(403, t(locale, 'error_forbidden'));
	return course;
}

export async function lessonForEdit(user: Who, courseSlug: string, lessonSlug: string, locale: string) {
	const course = await courseForEdit(user, courseSlug, locale);
	const lesson = (await db().select().from(schema.lessons).where(and(eq(schema.lessons.courseId, course.id), eq(schema.lessons.slug, lessonSlug))).limit(1))[0];
	if (!lesson) error(404, t(locale, 'studio_lesson_not_found'));
	return { course, lesson };
}

/** The parser context of a lesson in a course. */
export function lessonContext(course: { slug: string; language: 'de' | 'en' }, lesson: { identity: string; slug: string }) {
	return { identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug, lang: course.language };
}
