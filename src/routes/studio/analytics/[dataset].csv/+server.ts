import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { courseForAnalytics } from '$lib/server/analytics/access';
import { courseDataset, isCourseDataset } from '$lib/server/analytics/datasets';
import { csvFileName, toCsv } from '$lib/server/analytics/csv';

// One chart's numbers as CSV: /studio/analytics/<dataset>.csv?course=<id>. Same access rule as the page.
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	const name = event.params.dataset;
	if (!isCourseDataset(name)) error(404, t(locale, 'analytics_dataset_unknown'));
	const course = await courseForAnalytics(user, event.url.searchParams.get('course'));
	if (!course) error(404, t(locale, 'analytics_not_found'));
	const table = await courseDataset(user, course, name, locale);
	return new Response(toCsv(table.columns, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${csvFileName(name, course.slug)}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
