import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { config } from '$lib/server/config';
import { parseForm } from '$lib/server/forms';
import { formatDateTime } from '$lib/server/format';
import { t } from '$lib/server/i18n';
import { renderMarkdown } from '$lib/content/markdown';
import { parseVtt } from '$lib/server/podcast/vtt';
import { guestsFrom, metaSchema, publishEpisode, setTranscript, unpublishEpisode, updateEpisode, type GuestRow } from '$lib/server/studio-episodes/episodes';
import { episodeForEdit } from '$lib/server/studio-episodes/access';
import { addEpisodeCoOwner, episodeOwners, ownerEmailSchema, ownerIdSchema, removeEpisodeOwner } from '$lib/server/studio-episodes/ownership';
import { acceptAudio, audioProblem, retryIngest } from '$lib/server/studio-episodes/audio';
import { receiveMultipart } from '$lib/server/studio-episodes/multipart';
import { log } from '$lib/server/log';
import { setCover } from '$lib/server/studio-episodes/cover';
import { validateChapters, validateGuests, validateVtt, type ChapterRow } from '$lib/server/studio-episodes/validate';

/** Role, then ownership (canEditEpisode): the first line of every load and action below. */
async function guard(event: RequestEvent) {
	const me = requireRole(event, 'trainer');
	return { me, ...(await episodeForEdit(me, event.params.slug, event.locals.locale)) };
}

export const load: PageServerLoad = async (event) => {
	const { me, episode, asset, job, state } = await guard(event);
	const locale = event.locals.locale;
	let cues = 0;
	try {
		cues = episode.transcriptVtt ? parseVtt(episode.transcriptVtt).length : 0;
	} catch {
		cues = 0;
	}
	return {
		id: episode.id,
		slug: episode.slug,
		state,
		at: formatDateTime(episode.publishedAt, locale),
		values: {
			title: episode.title,
			slug: episode.slug,
			date: episode.date,
			season: String(episode.season),
			number: String(episode.number),
			type: episode.type,
			summary: episode.summary,
			explicit: episode.explicit ? 'on' : '',
			notes: episode.notesMd
		},
		guests: JSON.parse(episode.guests) as GuestRow[],
		chapters: JSON.parse(episode.chapters) as ChapterRow[],
		notesHtml: episode.notesHtml,
		cues,
		cover: episode.imagePath ? `/media/${episode.imagePath}` : null,
		audio: asset ? { mp3: `/media/${asset.hash}/episode.mp3`, duration: asset.durationMs / 1000 } : null,
		job: job ? { id: job.id, status: job.status, percent: job.percent, reason: job.reason } : null,
		maxUploadMb: config.maxUploadMb,
		owners: await episodeOwners(episode.id),
		me: me.id,
		uploaded: event.url.searchParams.get('uploaded'),
		created: event.url.searchParams.has('created')
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { me, episode, asset } = await guard(event);
		const locale = event.locals.locale;
		const data = await event.request.formData();
		const strings = (k: string) => data.getAll(k).map(String);
		const form = parseForm(data, metaSchema, locale);
		const guests = guestsFrom(strings('guest_name'), strings('guest_role'), strings('guest_bio'));
		const chapters = validateChapters(strings('chapter_start'), strings('chapter_title'), asset ? asset.durationMs / 1000 : null);
		const keep = { action: 'save', guests, chapters: { starts: strings('chapter_start'), titles: strings('chapter_title') } };
		if (!form.ok) return fail(400, { ...keep, message: t(locale, 'studioep_form_error'), errors: form.errors, values: form.values });
		if (!chapters.ok) return fail(400, { ...keep, message: t(locale, chapters.problem.key, chapters.problem.params), errors: {}, values: form.values });
		const guestProblem = validateGuests(guests);
		if (guestProblem) return fail(400, { ...keep, message: t(locale, guestProblem.key, guestProblem.params), errors: {}, values: form.values });
		const r = await updateEpisode(me.id, episode.id, form.data, guests, chapters.chapters);
		if (!r.ok) return fail(400, { ...keep, message: t(locale, 'studioep_form_error'), errors: { slug: t(locale, 'studioep_slug_taken') }, values: form.values });
		return { action: 'save', success: t(locale, 'studioep_saved'), moved: form.data.slug !== episode.slug ? form.data.slug : null };
	},
	preview: async (event) => {
		await guard(event);
		const notes = String((await event.request.formData()).get('notes') ?? '').slice(0, 100_000);
		return { action: 'preview', preview: renderMarkdown(notes) };
	},
	transcript: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const file = (await event.request.formData()).get('transcript');
		const text = file instanceof File ? await file.text() : '';
		const problem = validateVtt(text);
		if (problem) return fail(400, { action: 'transcript', message: t(locale, problem.key, problem.params) });
		await setTranscript(me.id, episode.id, text.replace(/^\uFEFF/, ''));
		return { action: 'transcript', success: t(locale, 'studioep_transcript_saved') };
	},
	cover: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const data = await event.request.formData();
		const file = data.get('cover');
		const bytes = data.get('remove') ? null : file instanceof File && file.size ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
		const r = await setCover(me.id, episode.id, bytes);
		if (!r.ok) return fail(400, { action: 'cover', message: t(locale, 'studioep_cover_invalid') });
		return { action: 'cover', success: t(locale, 'studioep_saved') };
	},
	publish: async (event) => {
		const { me, episode } = await guard(event);
		await publishEpisode(me.id, episode.id);
		return { action: 'publish', success: t(event.locals.locale, 'studioep_published') };
	},
	schedule: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const data = await event.request.formData();
		// datetime-local has no zone: the browser sends its offset (minutes, as getTimezoneOffset); without JS it is UTC
		const local = String(data.get('at') ?? '');
		const offset = Number(data.get('offset') ?? 0) || 0;
		const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local) ? Date.parse(`${local}:00Z`) + offset * 60_000 : NaN;
		if (!Number.isFinite(at) || at <= Date.now()) return fail(400, { action: 'publish', message: t(locale, 'studioep_schedule_invalid') });
		await publishEpisode(me.id, episode.id, at);
		return { action: 'publish', success: t(locale, 'studioep_scheduled') };
	},
	unpublish: async (event) => {
		const { me, episode } = await guard(event);
		await unpublishEpisode(me.id, episode.id);
		return { action: 'publish', success: t(event.locals.locale, 'studioep_unpublished') };
	},
	// The audio form without JavaScript (with JS the page's script sends the file to ./upload with a progress bar).
	// The body is streamed by receiveMultipart, never through request.formData(), which would hold it in memory.
	upload: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const mb = config.maxUploadMb;
		// multipart framing adds a few hundred bytes; the exact limit is enforced on the file part while it streams
		const declared = Number(event.request.headers.get('content-length') ?? 0);
		const received = await receiveMultipart(event.request.headers.get('content-type') ?? '', event.request.body, { field: 'audio', refuse: declared > mb * 1024 * 1024 + 64 * 1024 });
		if (!received.ok) {
			log('studioep_upload_refused', { episode: episode.slug, reason: received.reason, user: me.id, form: true });
			if (received.reason === 'too_large') return fail(413, { action: 'audio', message: t(locale, 'studioep_upload_too_large', { mb }) });
			return fail(400, { action: 'audio', message: t(locale, received.reason === 'empty' ? 'studioep_upload_no_file' : 'studioep_upload_failed') });
		}
		const r = await acceptAudio(me.id, episode, received.file, received.bytes);
		if (!r.ok) {
			const p = audioProblem(r.reason);
			return fail(p.status, { action: 'audio', message: t(locale, p.key) });
		}
		redirect(303, `/studio/episodes/${episode.slug}?uploaded=${r.jobId ? 'queued' : 'unchanged'}`);
	},
	retry: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const r = await retryIngest(me.id, episode.id);
		if (!r.ok) {
			const p = audioProblem(r.reason, true);
			return fail(p.status, { action: 'audio', message: t(locale, p.key) });
		}
		return { action: 'audio', success: t(locale, 'studioep_retried'), jobId: r.jobId };
	},
	addOwner: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), ownerEmailSchema, locale);
		if (!form.ok) return fail(400, { action: 'owners', message: form.errors.email, ownerEmail: form.values.email ?? '' });
		if (!(await addEpisodeCoOwner(me.id, episode.id, form.data.email)).ok) return fail(400, { action: 'owners', message: t(locale, 'studioep_owner_unknown'), ownerEmail: form.data.email });
		return { action: 'owners', success: t(locale, 'studioep_owner_added') };
	},
	removeOwner: async (event) => {
		const { me, episode } = await guard(event);
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), ownerIdSchema, locale);
		if (!form.ok || !(await removeEpisodeOwner(me.id, episode.id, form.data.id)).ok) return fail(400, { action: 'owners', message: t(locale, 'studioep_owner_last') });
		return { action: 'owners', success: t(locale, 'studioep_owner_removed') };
	}
};
