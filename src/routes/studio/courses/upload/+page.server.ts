import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { problemText } from '$lib/server/studio/problem-text';
import { t } from '$lib/server/i18n';
import { importCourseZip, MAX_ZIP_BYTES } from '$lib/server/studio/zip-import';

export const load: PageServerLoad = (event) => {
	requireRole(event, 'trainer');
	return { maxMb: MAX_ZIP_BYTES / 1024 / 1024 };
};

export const actions: Actions = {
	default: async (event) => {
		const user = requireRole(event, 'trainer');
		const locale = event.locals.locale;
		if (Number(event.request.headers.get('content-length') ?? 0) > MAX_ZIP_BYTES + 64 * 1024) return fail(413, { message: t(locale, 'studio_zip_too_large'), problems: [] as string[] });
		const file = (await event.request.formData()).get('zip');
		if (!(file instanceof File) || file.size === 0) return fail(400, { message: t(locale, 'studio_zip_missing'), problems: [] as string[] });
		if (file.size > MAX_ZIP_BYTES) return fail(413, { message: t(locale, 'studio_zip_too_large'), problems: [] as string[] });
		const r = await importCourseZip(user, new Uint8Array(await file.arrayBuffer()));
		if (!r.ok) return fail(r.error === 'studio_zip_forbidden' ? 403 : 400, { message: t(locale, r.error), problems: (r.problems ?? []).map((p) => `${p.file}${p.line ? ':' + p.line : ''}: ${problemText(locale, p)}`) });
		redirect(303, `/studio/courses/${r.slug}?imported=${r.imported}`);
	}
};
