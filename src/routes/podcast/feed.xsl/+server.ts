import type { RequestHandler } from './$types';
import { config } from '$lib/server/config';
import { feedStylesheet } from '$lib/server/podcast/feed-xsl';

// Public: the stylesheet a browser applies to the feed (same origin, as browsers require), in the visitor's language.
export const GET: RequestHandler = async ({ locals }) =>
	new Response(feedStylesheet(locals.locale, `${config.origin}/podcast/feed.xml`), {
		headers: { 'content-type': 'text/xsl; charset=utf-8', 'cache-control': 'public, max-age=300', vary: 'Accept-Language, Cookie' }
	});
