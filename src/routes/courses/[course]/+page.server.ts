import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { canSeeCourse, courseOutline } from '$lib/server/courses/catalogue';
import { courseProgress, enrol } from '$lib/server/courses/progress';
import { packInfo } from '$lib/server/offline/packs';

async function visibleCourse(slug: string, locals: App.Locals) {
	const course = await courseOutline(slug);
	if (!course || !(await canSeeCourse(course, locals.user?.id ?? null, locals.user?.role))) error(404, t(locals.locale, 'course_not_found'));
	return course;
}

export const load: PageServerLoad = async ({ params, locals }) => {
	const course = await visibleCourse(params.course, locals);
	const progress = locals.user ? await courseProgress(locals.user.id, course.id, course.lessons.map((l) => l.id)) : null;
	const next = progress ? (course.lessons.find((l) => !progress.done.has(l.id)) ?? null) : null;
	return {
		course,
		done: progress ? course.lessons.filter((l) => progress.done.has(l.id)).map((l) => l.slug) : [],
		enrolled: progress?.enrolled ?? false,
		completed: progress?.completedAt != null,
		next: next ? { slug: next.slug, title: next.title } : null,
		percent: progress && course.lessons.length ? Math.floor((100 * progress.done.size) / course.lessons.length) : null,
		// "Für offline speichern": the size before saving, and the revision a stored pack is compared with
		pack: locals.user ? await packInfo(course, locals).then(({ revision, estimate }) => ({ revision, estimate })) : null
	};
};

export const actions: Actions = {
	enrol: async (event) => {
		const user = requireUser(event);
		const course = await visibleCourse(event.params.course, event.locals);
		await enrol(user.id, course.id);
		const progress = await courseProgress(user.id, course.id, course.lessons.map((l) => l.id));
		const next = course.lessons.find((l) => !progress.done.has(l.id));
		redirect(303, next ? `/courses/${course.slug}/${next.slug}` : `/courses/${course.slug}`);
	}
};
