// The operator's DGS video (see $lib/server/a11y/sign-video.ts), with byte ranges for seeking.
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { signVideo } from '$lib/server/a11y/sign-video';
import { serveFile } from '$lib/server/media/serve';

export const GET: RequestHandler = ({ request, url }) => {
	const v = signVideo();
	if (!v) error(404, 'no sign language video');
	// the page links with ?v=<version>: such a URL never changes its content
	const cacheControl = url.searchParams.get('v') === v.version ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
	return serveFile(request, v.file, { type: v.type, cacheControl });
};
