import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { listUsers } from '$lib/server/admin/users';
import { pageParam } from '$lib/server/admin/paging';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const result = await listUsers({ q, page: pageParam(event.url.searchParams.get('page')) });
	return { q, ...result };
};
