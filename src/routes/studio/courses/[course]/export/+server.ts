import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { courseForEdit } from '$lib/server/studio/access';
import { exportCourseZip } from '$lib/server/studio/export';

/** The course in the content/ format as a zip. */
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'trainer');
	const course = await courseForEdit(user, event.params.course, event.locals.locale);
	const zip = await exportCourseZip(course.id);
	return new Response(zip as BodyInit, {
		headers: {
			'content-type': 'application/zip',
			'content-disposition': `attachment; filename="${course.slug}.zip"`,
			'cache-control': 'private, no-store'
		}
	});
};
