import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { formatDateTime } from '$lib/server/format';
import { t } from '$lib/server/i18n';
import { formatClock } from '$lib/server/podcast/vtt';
import { createEpisode, listStudioEpisodes, metaSchema, nextEpisodeNumber } from '$lib/server/studio-episodes/episodes';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'trainer');
	const locale = event.locals.locale;
	// a trainer sees the episodes they own or co-own; an admin sees all (imported ones have no owner)
	const rows = await listStudioEpisodes(me);
	return {
		episodes: rows.map(({ episode, asset, job, state, owners }) => ({
			slug: episode.slug,
			title: episode.title,
			number: episode.number,
			state,
			at: formatDateTime(episode.publishedAt, locale),
			duration: asset ? formatClock(asset.durationMs / 1000) : null,
			job: job && job.status !== 'done' ? { status: job.status, percent: job.percent, reason: job.reason } : null,
			owners
		})),
		admin: me.role === 'admin',
		nextNumber: await nextEpisodeNumber(),
		today: new Date().toISOString().slice(0, 10)
	};
};

export const actions: Actions = {
	create: async (event) => {
		const me = requireRole(event, 'trainer');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), metaSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'studioep_form_error'), errors: form.errors, values: form.values });
		const r = await createEpisode(me.id, form.data);
		if (!r.ok) return fail(400, { message: t(locale, 'studioep_form_error'), errors: { slug: t(locale, 'studioep_slug_taken') }, values: form.values });
		redirect(303, `/studio/episodes/${form.data.slug}?created=1`);
	}
};
