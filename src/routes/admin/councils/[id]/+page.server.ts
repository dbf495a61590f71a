import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { councilSchema, memberSchema, removeMemberSchema } from '$lib/server/admin/schemas';
import { addMember, councilMembers, getCouncil, removeMember, updateCouncil, type CouncilResult } from '$lib/server/admin/councils';
import { formatDate } from '$lib/server/format';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const council = await getCouncil(event.params.id);
	if (!council) error(404, t(event.locals.locale, 'admin_error_council_not_found'));
	const members = await councilMembers(council.id);
	return {
		council,
		created: event.url.searchParams.has('created'),
		members: members.map((mb) => ({ ...mb, sinceText: formatDate(mb.since, event.locals.locale) }))
	};
};

function answer(locale: string, action: string, result: CouncilResult, success: string, values?: Record<string, string>) {
	if (!result.ok) return fail(result.error === 'admin_error_council_not_found' ? 404 : 400, { action, message: t(locale, result.error), values });
	return { action, success: t(locale, success) };
}

export const actions: Actions = {
	update: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), councilSchema, locale);
		if (!form.ok) return fail(400, { action: 'update', message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		return answer(locale, 'update', await updateCouncil(me.id, event.params.id, form.data), 'admin_council_saved', form.values);
	},
	addMember: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), memberSchema, locale);
		if (!form.ok) return fail(400, { action: 'add', message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		return answer(locale, 'add', await addMember(me.id, event.params.id, form.data.email, form.data.role), 'admin_council_added', form.values);
	},
	removeMember: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), removeMemberSchema, locale);
		if (!form.ok) return fail(400, { action: 'members', message: t(locale, 'admin_error_member_not_found') });
		return answer(locale, 'members', await removeMember(me.id, event.params.id, form.data.userId), 'admin_council_removed');
	}
};
