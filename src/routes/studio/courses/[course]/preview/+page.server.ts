// "Preview as learner": the course as learners will see it (published lessons only), for its trainers and admins,
// also while it is a draft. Reads only: no enrolment, no progress.
import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { courseForEdit } from '$lib/server/studio/access';
import { courseOutline } from '$lib/server/courses/catalogue';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const course = await courseForEdit(user, event.params.course, event.locals.locale);
	const outline = await courseOutline(course.slug);
	if (!outline) error(404, t(event.locals.locale, 'studio_course_not_found'));
	return { course: outline, draft: course.draft };
};
