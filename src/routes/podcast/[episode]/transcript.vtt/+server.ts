import type { RequestHandler } from './$types';
import { error } from '@sveltejs/kit';
import { getEpisode } from '$lib/server/podcast/episodes';
import { createHash } from 'node:crypto';

// The WebVTT transcript for podcast apps and <track> (public, CORS *).
export const GET: RequestHandler = async ({ params, request }) => {
	const e = await getEpisode(params.episode);
	if (!e?.episode.transcriptVtt) error(404, 'not found');
	const body = e.episode.transcriptVtt;
	const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 24)}"`;
	const headers = { 'content-type': 'text/vtt; charset=utf-8', etag, 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' };
	if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
	return new Response(body, { headers });
};
