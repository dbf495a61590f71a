import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { roleConfirmSchema, roleSchema } from '$lib/server/admin/schemas';
import { changeRole, getUserDetail, sendPasswordReset, setDisabled, type AdminResult } from '$lib/server/admin/users';
import { formatDate, formatDateTime } from '$lib/server/format';
import { t } from '$lib/server/i18n';
import { roleName } from '$lib/server/admin/audit-sentences';

export const load: PageServerLoad = async (event) => {
	const me = requireRole(event, 'admin');
	const detail = await getUserDetail(event.params.id);
	if (!detail) error(404, t(event.locals.locale, 'admin_error_user_not_found'));
	const locale = event.locals.locale;
	return {
		...detail,
		self: detail.user.id === me.id,
		created: formatDate(detail.user.createdAt, locale),
		disabledSince: detail.user.disabledAt ? formatDateTime(detail.user.disabledAt, locale) : null,
		memberships: detail.memberships.map((ms) => ({ ...ms, sinceText: formatDate(ms.since, locale) }))
	};
};

function answer(locale: string, action: string, result: AdminResult, success: string) {
	if (!result.ok) return fail(result.error === 'admin_error_user_not_found' ? 404 : 400, { action, message: t(locale, result.error) });
	return { action, success: t(locale, success) };
}

export const actions: Actions = {
	// The first step only asks: it answers with the question, and the change needs the second POST (roleConfirm).
	role: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), roleSchema, locale);
		if (!form.ok) return fail(400, { action: 'role', message: form.errors.role ?? t(locale, 'error_form') });
		const detail = await getUserDetail(event.params.id);
		if (!detail) return fail(404, { action: 'role', message: t(locale, 'admin_error_user_not_found') });
		const { user } = detail;
		if (user.role === form.data.role) return { action: 'role', success: t(locale, 'role_confirm_unchanged', { role: roleName(locale, user.role) }) };
		return {
			action: 'role',
			confirm: {
				role: form.data.role,
				from: user.role,
				question: t(locale, 'role_confirm_question', { name: user.displayName, from: roleName(locale, user.role), to: roleName(locale, form.data.role) }),
				selfWarning: user.id === me.id && user.role === 'admin'
			}
		};
	},
	roleConfirm: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), roleConfirmSchema, locale);
		if (!form.ok) return fail(400, { action: 'role', message: form.errors.role ?? form.errors.from ?? t(locale, 'error_form') });
		return answer(locale, 'role', await changeRole(me.id, event.params.id, form.data.role, form.data.from), 'admin_user_role_changed');
	},
	disable: async (event) => {
		const me = requireRole(event, 'admin');
		return answer(event.locals.locale, 'access', await setDisabled(me.id, event.params.id, true), 'admin_user_disabled_done');
	},
	enable: async (event) => {
		const me = requireRole(event, 'admin');
		return answer(event.locals.locale, 'access', await setDisabled(me.id, event.params.id, false), 'admin_user_enabled_done');
	},
	reset: async (event) => {
		const me = requireRole(event, 'admin');
		return answer(event.locals.locale, 'reset', await sendPasswordReset(me.id, event.params.id), 'admin_user_reset_sent');
	}
};
