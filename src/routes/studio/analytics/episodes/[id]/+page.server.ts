import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { episodeView } from '$lib/server/analytics/episode-view';

// An episode outside the trainer's courses answers 404, exactly like an unknown id.
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const view = await episodeView(user, event.params.id, event.locals.locale);
	if (!view) error(404, t(event.locals.locale, 'analytics_episode_not_found'));
	return view;
};
