import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { deleteSchema, passwordChangeSchema, profileSchema } from '$lib/server/auth/schemas';
import { changePassword, deleteAccount, updateProfile } from '$lib/server/auth/accounts';
import { invalidateSession, invalidateUserSessions, listUserSessions } from '$lib/server/auth/session';
import { endSession } from '$lib/server/auth/login';
import { langCookieOptions } from '$lib/server/auth/cookies';
import { t } from '$lib/server/i18n';
import { formatDateTime } from '$lib/server/format';
import { rememberPlainLanguage } from '$lib/server/courses/variant-preference';
import { rememberSaveData } from '$lib/server/data-saver';

export const load: PageServerLoad = async (event) => {
	const user = requireUser(event);
	const sessions = await listUserSessions(user.id);
	return {
		profile: { email: user.email, displayName: user.displayName, locale: user.locale },
		plainLanguage: user.plainLanguage,
		saveData: event.locals.saveData,
		sessions: sessions
			.sort((a, b) => b.createdAt - a.createdAt)
			.map((s) => ({ id: s.id, current: s.id === event.locals.session?.id, started: formatDateTime(s.createdAt, event.locals.locale), userAgent: s.userAgent }))
	};
};

export const actions: Actions = {
	profile: async (event) => {
		const user = requireUser(event);
		const form = parseForm(await event.request.formData(), profileSchema, event.locals.locale);
		if (!form.ok) return fail(400, { action: 'profile', message: t(event.locals.locale, 'error_form'), errors: form.errors, values: form.values });
		await updateProfile(user.id, form.data);
		event.cookies.set('lang', form.data.locale, langCookieOptions());
		return { action: 'profile', success: t(form.data.locale, 'account_saved') };
	},
	password: async (event) => {
		const user = requireUser(event);
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), passwordChangeSchema, locale);
		if (!form.ok) return fail(400, { action: 'password', message: t(locale, 'error_form'), errors: form.errors });
		const ok = await changePassword(user.id, form.data.current, form.data.next, event.locals.session!.id);
		if (!ok) return fail(400, { action: 'password', message: t(locale, 'error_password_wrong'), errors: { current: t(locale, 'error_password_wrong') } });
		return { action: 'password', success: t(locale, 'account_password_changed') };
	},
	/** Leichte Sprache on or off for every lesson that has it (account and cookie) */
	plainLanguage: async (event) => {
		requireUser(event);
		const on = (await event.request.formData()).get('plain') === 'on';
		await rememberPlainLanguage(event, on);
		return { action: 'plainLanguage', success: t(event.locals.locale, on ? 'variants_account_saved_on' : 'variants_account_saved_off') };
	},
	/** "Daten sparen": the 64k rendition and lazy images on this browser (cookie) */
	saveData: async (event) => {
		requireUser(event);
		const on = (await event.request.formData()).get('saver') === 'on';
		rememberSaveData(event, on);
		return { action: 'saveData', success: t(event.locals.locale, on ? 'saver_saved_on' : 'saver_saved_off') };
	},
	endSession: async (event) => {
		const user = requireUser(event);
		const id = String((await event.request.formData()).get('id') ?? '');
		const mine = (await listUserSessions(user.id)).some((s) => s.id === id);
		if (!mine) return fail(404, { action: 'sessions', message: t(event.locals.locale, 'error_bad_request') });
		await invalidateSession(id);
		if (id === event.locals.session?.id) redirect(303, '/login');
		return { action: 'sessions', success: t(event.locals.locale, 'account_session_ended') };
	},
	endOtherSessions: async (event) => {
		const user = requireUser(event);
		await invalidateUserSessions(user.id, event.locals.session!.id);
		return { action: 'sessions', success: t(event.locals.locale, 'account_session_ended') };
	},
	delete: async (event) => {
		const user = requireUser(event);
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), deleteSchema, locale);
		if (!form.ok || !(await deleteAccount(user.id, form.data.password))) {
			return fail(400, { action: 'delete', message: t(locale, 'error_password_wrong'), errors: { deletePassword: t(locale, 'error_password_wrong') } });
		}
		await endSession(event);
		redirect(303, '/?deleted=1');
	}
};
