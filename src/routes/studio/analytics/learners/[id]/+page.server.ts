import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { formatShortDate as formatDate } from '$lib/i18n/locales';
import { learnerDetail } from '$lib/server/analytics/learners';

// A learner outside the trainer's councils and courses answers 404, exactly like an id that does not exist.
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	const detail = await learnerDetail(user, event.params.id);
	if (!detail) error(404, t(locale, 'analytics_not_found'));
	return {
		name: detail.name,
		courses: detail.courses.map((c) => ({
			title: c.title,
			done: c.done,
			total: c.total,
			enrolled: formatDate(c.enrolledAt, locale),
			completed: c.completedAt === null ? null : formatDate(c.completedAt, locale)
		}))
	};
};
