// Packaged audio, covers and peaks under MEDIA_DIR (see src/lib/server/media/serve.ts). MP3 requests that start
// at byte 0 are counted as downloads (once per client and day, bots ignored, no IP stored).
import type { RequestHandler } from './$types';
import { serveMediaFile } from '$lib/server/media/serve';
import { countDownload } from '$lib/server/podcast/stats';
import { logError } from '$lib/server/log';
import { clientAddress } from '$lib/server/http/client-address';

export const GET: RequestHandler = (event) => {
	const rel = event.params.path;
	return serveMediaFile(event.request, rel, (info) => {
		if (!rel.endsWith('.mp3') || !info.fromStart || info.status >= 300) return;
		countDownload(rel.split('/')[0], clientAddress(event), event.request.headers.get('user-agent')).catch((err) => logError('count_download', err));
	});
};
