import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { getEpisode, playerEpisode } from '$lib/server/podcast/episodes';
import { embedHeaders, embedPage } from '$lib/server/podcast/embed';
import { t } from '$lib/server/i18n';

// Public, like the episode page: the player for other sites' iframes (only those in EMBED_ORIGINS may frame it).
export const GET: RequestHandler = async ({ params, locals }) => {
	const e = await getEpisode(params.episode);
	if (!e?.asset) error(404, t(locals.locale, 'error_not_found'));
	const ep = playerEpisode(e.episode, e.asset, e.show);
	return new Response(embedPage(ep, config.origin, locals.locale), { headers: embedHeaders(config.embedOrigins) });
};
