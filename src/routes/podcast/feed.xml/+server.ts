import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { buildFeed } from '$lib/server/podcast/feed';
import { config } from '$lib/server/config';

// Public: podcast apps fetch it without a session. Conditional requests get 304.
export const GET: RequestHandler = async ({ request }) => {
	const feed = await buildFeed(config.origin);
	if (!feed) error(404, 'no podcast yet');
	// a browser opening the feed gets it as XML, which it renders through the stylesheet (feed.xsl); as RSS it would show
	// the raw text. Podcast apps ask for anything or for RSS and get application/rss+xml.
	const browser = /^text\/html/.test(request.headers.get('accept') ?? '');
	const headers = { 'content-type': `${browser ? 'application/xml' : 'application/rss+xml'}; charset=utf-8`, vary: 'Accept', etag: feed.etag, 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
	const inm = request.headers.get('if-none-match');
	if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === feed.etag)) return new Response(null, { status: 304, headers });
	return new Response(feed.xml, { headers });
};
