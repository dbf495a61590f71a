// Saving a course pack (issue 12): enrols the learner (progress made offline needs an enrolment) and answers what to
// store. Only for courses this learner may see.
import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { requireApiUser } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { canSeeCourse, courseOutline } from '$lib/server/courses/catalogue';
import { enrol } from '$lib/server/courses/progress';
import { packInfo } from '$lib/server/offline/packs';

export const POST: RequestHandler = async (event) => {
	const user = requireApiUser(event);
	const course = await courseOutline(event.params.course);
	if (!course || !(await canSeeCourse(course, user.id, user.role))) error(404, t(event.locals.locale, 'course_not_found'));
	await enrol(user.id, course.id);
	return json(await packInfo(course, { locale: event.locals.locale, plainLanguage: event.locals.plainLanguage }), { headers: { 'cache-control': 'no-store' } });
};
