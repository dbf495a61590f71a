// "Mark as done" on a lesson page, in two steps: which lesson (before the request's body is read), then the completion.
// The page's `complete` action uses both; so does the fast path of the same form post (fast-complete.ts), which
// answers it before SvelteKit when nothing but a redirect can come of it.
import { canSeeCourse, courseOutline, type CourseOutline } from './catalogue';
import { completeLesson } from './progress';

/** `?variant=ar` (an explicit choice of version) kept on the page's own links and form actions. */
export const withVariant = (path: string, variant: string | null, extra = '') => `${path}${variant || extra ? '?' : ''}${variant ? `variant=${variant}` : ''}${variant && extra ? '&' : ''}${extra}`;

export interface LessonToComplete {
	course: CourseOutline;
	lesson: CourseOutline['lessons'][number];
}

/** The lesson the learner may mark done, or why not (a course they cannot see is not found). */
export async function lessonToComplete(user: { id: string; role: string }, courseSlug: string, lessonSlug: string): Promise<LessonToComplete | 'course_not_found' | 'lesson_not_found'> {
	const course = await courseOutline(courseSlug);
	if (!course || !(await canSeeCourse(course, user.id, user.role))) return 'course_not_found';
	const lesson = course.lessons.find((l) => l.slug === lessonSlug);
	return lesson ? { course, lesson } : 'lesson_not_found';
}

/** Marks it done (a replay changes nothing) and says where the learner goes next: back to the lesson's progress. */
export async function completeOnPage(user: { id: string }, { course, lesson }: LessonToComplete, variant: string | null): Promise<{ location: string } | 'quiz_required'> {
	const r = await completeLesson(user.id, lesson.id, 'manual');
	if (r.reason === 'quiz_required') return 'quiz_required';
	const v = variant && /^[a-z-]{2,8}$/.test(variant) ? variant : null;
	return { location: withVariant(`/courses/${course.slug}/${lesson.slug}`, v, r.courseCompletedNow ? 'finished' : '') + '#progress' };
}
