import { error, fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { councilSchema, inviteSchema, memberSchema, removeMemberSchema, revokeInvitationSchema } from '$lib/server/admin/schemas';
import { BULK_MAX_CSV_BYTES, BULK_MAX_ENTRIES, bulkAddMembers, emailsFromCsv, splitAddressList } from '$lib/server/admin/bulk-members';
import { invitationState, inviteToCouncil, listInvitations, revokeInvitation } from '$lib/server/admin/invitations';
import { isLocale } from '$lib/server/i18n';
import { addMember, councilMembers, getCouncil, removeMember, updateCouncil, type CouncilResult } from '$lib/server/admin/councils';
import { formatDate } from '$lib/server/format';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const council = await getCouncil(event.params.id);
	if (!council) error(404, t(event.locals.locale, 'admin_error_council_not_found'));
	const locale = event.locals.locale;
	const [members, invitations] = await Promise.all([councilMembers(council.id), listInvitations(council.id)]);
	const now = Date.now();
	return {
		council,
		created: event.url.searchParams.has('created'),
		members: members.map((mb) => ({ ...mb, sinceText: formatDate(mb.since, locale) })),
		invitations: invitations.map((inv) => {
			const state = invitationState(inv, now);
			const at = state === 'used' ? inv.usedAt! : state === 'revoked' ? inv.revokedAt! : inv.expiresAt;
			return { id: inv.id, email: inv.email, role: inv.role, state, sent: formatDate(inv.createdAt, locale), status: t(locale, `invite_state_${state}`, { date: formatDate(at, locale) }) };
		})
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
	// Pasted addresses or a CSV file; every line is accounted for in the summary, the additions are one transaction.
	bulkAdd: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const data = await event.request.formData();
		const text = String(data.get('addresses') ?? '').slice(0, 200_000);
		const file = data.get('file');
		const values = { addresses: text.slice(0, 20_000) };
		let entries = splitAddressList(text);
		if (file instanceof File && file.size > 0) {
			if (file.size > BULK_MAX_CSV_BYTES) return fail(400, { action: 'bulk', message: t(locale, 'bulk_error_file'), values });
			const csv = emailsFromCsv(await file.text());
			if (csv === null) return fail(400, { action: 'bulk', message: t(locale, 'bulk_error_no_column'), values });
			entries = entries.concat(csv);
		}
		if (entries.length === 0) return fail(400, { action: 'bulk', message: t(locale, 'bulk_error_empty'), values });
		if (entries.length > BULK_MAX_ENTRIES) return fail(400, { action: 'bulk', message: t(locale, 'bulk_error_too_many', { max: BULK_MAX_ENTRIES }), values });
		const result = await bulkAddMembers(me.id, event.params.id, entries);
		if (!result.ok) return fail(404, { action: 'bulk', message: t(locale, result.error), values });
		return { action: 'bulk', summary: result.summary };
	},
	invite: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), inviteSchema, locale);
		if (!form.ok) return fail(400, { action: 'invite', message: t(locale, 'error_form'), errors: form.errors, values: form.values });
		const r = await inviteToCouncil(me.id, event.params.id, { email: form.data.email, role: form.data.role, locale: isLocale(form.data.locale) ? form.data.locale : locale });
		if (!r.ok) return fail(r.error === 'admin_error_council_not_found' ? 404 : 400, { action: 'invite', message: t(locale, r.error), values: form.values });
		return { action: 'invite', success: t(locale, 'invite_sent', { email: form.data.email }) };
	},
	revokeInvitation: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), revokeInvitationSchema, locale);
		if (!form.ok) return fail(400, { action: 'invitations', message: t(locale, 'invite_error_not_found') });
		const r = await revokeInvitation(me.id, event.params.id, form.data.id);
		if (!r.ok) return fail(r.error === 'invite_error_not_found' ? 404 : 400, { action: 'invitations', message: t(locale, r.error) });
		return { action: 'invitations', success: t(locale, 'invite_revoked_done') };
	},
	removeMember: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = parseForm(await event.request.formData(), removeMemberSchema, locale);
		if (!form.ok) return fail(400, { action: 'members', message: t(locale, 'admin_error_member_not_found') });
		return answer(locale, 'members', await removeMember(me.id, event.params.id, form.data.userId), 'admin_council_removed');
	}
};
