import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getEpisode, jsonChapters } from '$lib/server/podcast/episodes';
import { createHash } from 'node:crypto';

// Podcasting 2.0 JSON chapters for podcast apps (public, CORS *).
export const GET: RequestHandler = async ({ params, request }) => {
	const e = await getEpisode(params.episode);
	if (!e) error(404, 'not found');
	const body = JSON.stringify(jsonChapters(e.episode, e.show));
	const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;
	const headers = { 'content-type': 'application/json+chapters; charset=utf-8', etag, 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};
