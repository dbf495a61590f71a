import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { knownActions, listAudit } from '$lib/server/admin/audit-log';
import { actionLabel, actionsOfFilter, AUDIT_ACTIONS, groupLabel, isKnownAction } from '$lib/server/admin/audit-sentences';
import { pageParam } from '$lib/server/admin/paging';
import { formatDateTime } from '$lib/server/format';
import { t } from '$lib/server/i18n';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const locale = event.locals.locale;
	const params = event.url.searchParams;
	const raw = (params.get('action') ?? '').trim().slice(0, 100);
	const action = actionsOfFilter(raw) ? raw : '';
	// the older address form `?prefix=admin.council` still filters (bookmarks), the page offers the select
	const prefix = action ? '' : (params.get('prefix') ?? '').trim().slice(0, 100);
	const [result, logged] = await Promise.all([listAudit({ action, prefix, page: pageParam(params.get('page')), locale }), knownActions()]);
	const groups = AUDIT_ACTIONS.map((g) => ({
		value: `group:${g.group}`,
		label: groupLabel(locale, g.group),
		all: t(locale, 'audit_filter_group_all', { group: groupLabel(locale, g.group) }),
		options: g.actions.map(([code]) => ({ value: code, label: actionLabel(locale, code) }))
	}));
	return {
		action,
		prefix,
		groups,
		unknownLogged: logged.some((a) => !isKnownAction(a)),
		...result,
		rows: result.rows.map((r) => ({ ...r, when: formatDateTime(r.createdAt, locale), iso: new Date(r.createdAt).toISOString() }))
	};
};
