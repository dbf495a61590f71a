// Captions for the DGS video (DGS_VIDEO_CAPTIONS, WebVTT), when the operator supplies them.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { signCaptions } from '$lib/server/a11y/sign-video';
import { serveFile } from '$lib/server/media/serve';

export const GET: RequestHandler = ({ request, url }) => {
	const c = signCaptions();
	if (!c) error(404, 'no captions');
	const cacheControl = url.searchParams.get('v') === c.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
	return serveFile(request, c.file, { type: c.type, cacheControl });
};
