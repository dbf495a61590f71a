import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { adminOverview } from '$lib/server/admin/overview';
import { revokeCertificate } from '$lib/server/courses/certificates';
import { t } from '$lib/server/i18n';
import { countFeedback } from '$lib/server/a11y/feedback';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const [overview, feedback] = await Promise.all([adminOverview(), countFeedback()]);
	return { ...overview, feedback };
};

export const actions: Actions = {
	// Revoking writes its audit entry in the same transaction; /verify/[code] then says it was revoked.
	revoke: async (event) => {
		const admin = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const code = String((await event.request.formData()).get('code') ?? '').trim();
		if (!/^[a-z0-9]{16,80}$/i.test(code)) return fail(400, { revokeError: t(locale, 'admin_revoke_invalid'), code });
		if (!(await revokeCertificate(code, admin.id))) return fail(404, { revokeError: t(locale, 'admin_revoke_unknown'), code });
		return { revoked: t(locale, 'admin_revoke_done'), code };
	}
};
