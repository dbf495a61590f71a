import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { analyticsCourses, courseForAnalytics } from '$lib/server/analytics/access';
import { courseCounts } from '$lib/server/analytics/course-stats';
import { courseView } from '$lib/server/analytics/course-view';
import { analyticsEpisodes, heardShareOf } from '$lib/server/analytics/episodes';
import { pct } from '$lib/server/analytics/tables';

// Trainers see their own courses (admins every course); ?course= picks one, anyone else's answers 404 like an unknown id.
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	const [courses, episodes] = await Promise.all([analyticsCourses(user), analyticsEpisodes(user)]);
	const counts = await courseCounts(courses.map((c) => c.id));
	const wanted = event.url.searchParams.get('course');
	let detail = null;
	if (wanted) {
		const course = await courseForAnalytics(user, wanted);
		if (!course) error(404, t(locale, 'analytics_not_found'));
		detail = await courseView(user, course, locale);
	}
	return {
		courses: courses.map((c) => ({ ...c, enrolled: counts.get(c.id)?.enrolled ?? 0, completed: counts.get(c.id)?.completed ?? 0 })),
		episodes: episodes.map((e) => ({ id: e.id, title: e.title, plays: e.plays, listeners: e.listeners, heard: t(locale, 'analytics_percent', { n: pct(heardShareOf(e)) }) })),
		selected: detail?.course.id ?? '',
		detail
	};
};
