import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { deleteFeedback, listFeedback } from '$lib/server/a11y/feedback';
import { formatDateTime } from '$lib/server/format';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const locale = event.locals.locale;
	const rows = await listFeedback();
	return { feedback: rows.map((f) => ({ ...f, received: formatDateTime(f.createdAt, locale) })) };
};

export const actions: Actions = {
	delete: async (event) => {
		const admin = requireRole(event, 'admin');
		const id = String((await event.request.formData()).get('id') ?? '');
		if (!/^[A-Za-z0-9_-]{1,64}$/.test(id) || !(await deleteFeedback(id, admin.id))) return fail(404, { error: t(event.locals.locale, 'a11y_admin_not_found') });
		return { deleted: t(event.locals.locale, 'a11y_admin_deleted') };
	}
};
