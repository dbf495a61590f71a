import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { knownActions, listAudit } from '$lib/server/admin/audit-log';
import { pageParam } from '$lib/server/admin/paging';
import { formatDateTime } from '$lib/server/format';

function detailText(detail: Record<string, unknown>): string {
	return Object.entries(detail)
		.map(([k, v]) => `${k}: ${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
		.join(', ');
}

/** `admin.user.role` suggests `admin`, `admin.user` and itself. */
function prefixes(actions: string[]): string[] {
	const out = new Set<string>();
	for (const a of actions) {
		const parts = a.split('.');
		for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
	}
	return [...out].sort();
}

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const prefix = (event.url.searchParams.get('prefix') ?? '').trim().slice(0, 100);
	const [result, actions] = await Promise.all([listAudit({ prefix, page: pageParam(event.url.searchParams.get('page')) }), knownActions()]);
	return {
		prefix,
		suggestions: prefixes(actions),
		...result,
		rows: result.rows.map((r) => ({ ...r, when: formatDateTime(r.createdAt, event.locals.locale), iso: new Date(r.createdAt).toISOString(), detailText: detailText(r.detail) }))
	};
};
