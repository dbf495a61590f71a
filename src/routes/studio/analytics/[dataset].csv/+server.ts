import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { courseForAnalytics } from '$lib/server/analytics/access';
import { courseDataset, isCourseDataset } from '$lib/server/analytics/datasets';
import { csvFileName, toCsv } from '$lib/server/analytics/csv';
import { episodeDataset, isEpisodeDataset } from '$lib/server/analytics/episode-view';
import { episodeForAnalytics } from '$lib/server/analytics/episodes';
import type { Table } from '$lib/server/analytics/tables';

// One chart's numbers as CSV: /studio/analytics/<dataset>.csv?course=<id> (or ?episode=<id> for the episode
// datasets). The same access rules as the pages: anyone else's course or episode answers 404 like an unknown id.
export const GET: RequestHandler = async (event) => {
	const user = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	const name = event.params.dataset;
	let table: Table;
	let file: string;
	if (isCourseDataset(name)) {
		const course = await courseForAnalytics(user, event.url.searchParams.get('course'));
		if (!course) error(404, t(locale, 'analytics_not_found'));
		table = await courseDataset(user, course, name, locale);
		file = csvFileName(name, course.slug);
	} else if (isEpisodeDataset(name)) {
		const episode = await episodeForAnalytics(user, event.url.searchParams.get('episode'));
		if (!episode) error(404, t(locale, 'analytics_episode_not_found'));
		table = await episodeDataset(episode, name, locale);
		file = csvFileName(name, episode.slug);
	} else error(404, t(locale, 'analytics_dataset_unknown'));
	return new Response(toCsv(table.columns, table.rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${file}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff'
		}
	});
};
