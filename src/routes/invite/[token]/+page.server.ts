// Registration by invitation: the mailed link opens a form with the invited address; registering creates the account
// and the council membership in one step. A used, revoked, expired or unknown link says so in words.
import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/server/forms';
import { registerSchema } from '$lib/server/auth/schemas';
import { acceptInvitation, openInvitation } from '$lib/server/admin/invitations';
import { membershipName } from '$lib/server/admin/audit-sentences';
import { rememberThisBrowser, startSession } from '$lib/server/auth/login';
import { formatDate } from '$lib/server/format';
import { t } from '$lib/server/i18n';

// the address comes from the invitation, not from the form
const acceptSchema = registerSchema.omit({ email: true });

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	// the token is in the address: not kept in any cache
	setHeaders({ 'cache-control': 'no-store' });
	const locale = locals.locale;
	const inv = await openInvitation(params.token);
	if (!inv.ok) return { refused: t(locale, inv.error), loggedIn: !!locals.user };
	return {
		refused: null,
		loggedIn: !!locals.user,
		email: inv.email,
		intro: t(locale, 'invite_page_intro', { council: inv.council, role: membershipName(locale, inv.role) }),
		until: t(locale, 'invite_page_until', { date: formatDate(inv.expiresAt, locale) }),
		inviteLocale: inv.locale
	};
};

export const actions: Actions = {
	default: async (event) => {
		const locale = event.locals.locale;
		if (event.locals.user) return fail(400, { message: t(locale, 'invite_page_logged_in') });
		const form = parseForm(await event.request.formData(), acceptSchema as unknown as z.ZodType<z.infer<typeof acceptSchema>>, locale);
		if (!form.ok) return fail(400, { message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		const r = await acceptInvitation(event.params.token, form.data);
		if (!r.ok) return fail(400, { message: t(locale, r.error), values: form.values });
		await startSession(event, r.userId, form.data.locale);
		await rememberThisBrowser(event, r.emailKey);
		redirect(303, '/me?joined=1');
	}
};
