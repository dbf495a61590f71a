import { fail } from '@sveltejs/kit';
import type { Actions } from './$types';
import { parseForm } from '$lib/server/forms';
import { resetRequestSchema } from '$lib/server/auth/schemas';
import { requestPasswordReset } from '$lib/server/auth/accounts';
import { browserToken } from '$lib/server/auth/login';
import { clientAddress } from '$lib/server/http/client-address';
import { t } from '$lib/server/i18n';
import { formatTime } from '$lib/server/format';

export const actions: Actions = {
	default: async (event) => {
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), resetRequestSchema, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'error_email_invalid'), values: form.values });
		const r = await requestPasswordReset(form.data.email, clientAddress(event), locale, browserToken(event));
		if (!r.ok) return fail(429, { message: t(locale, 'rate_limited', { time: formatTime(r.retryAt!, locale) }), values: form.values });
		return { sent: t(locale, 'reset_request_sent') };
	}
};
