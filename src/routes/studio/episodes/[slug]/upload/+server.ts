// The audio upload: the raw request body streamed to a server-named file (hooks exempt /studio/…/upload from the
// 1 MB form limit; adapter-node's BODY_SIZE_LIMIT must be above MAX_UPLOAD_MB). Answers JSON for the page's script.
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { t } from '$lib/server/i18n';
import { log } from '$lib/server/log';
import { episodeForEdit } from '$lib/server/studio-episodes/access';
import { receiveUpload } from '$lib/server/studio-episodes/upload';
import { acceptAudio, audioProblem } from '$lib/server/studio-episodes/audio';

export const POST: RequestHandler = async (event) => {
	const me = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	// ownership before a byte of the body is read
	const row = await episodeForEdit(me, event.params.slug, locale);
	const mb = config.maxUploadMb;
	// a declared length over the limit is refused before a byte is written
	if (Number(event.request.headers.get('content-length') ?? 0) > mb * 1024 * 1024) return json({ message: t(locale, 'studioep_upload_too_large', { mb }) }, { status: 413, headers: { connection: 'close' } });
	const received = await receiveUpload(event.request.body);
	if (!received.ok) {
		log('studioep_upload_refused', { episode: row.episode.slug, reason: received.reason, user: me.id });
		if (received.reason === 'too_large') return json({ message: t(locale, 'studioep_upload_too_large', { mb }) }, { status: 413, headers: { connection: 'close' } });
		return json({ message: t(locale, received.reason === 'empty' ? 'studioep_upload_empty' : 'studioep_upload_failed') }, { status: 400 });
	}
	const r = await acceptAudio(me.id, row.episode, received.file, received.bytes);
	if (!r.ok) {
		const p = audioProblem(r.reason);
		return json({ message: t(locale, p.key) }, { status: p.status });
	}
	return json({ jobId: r.jobId, message: t(locale, r.jobId ? 'studioep_upload_done' : 'studioep_upload_unchanged') });
};
