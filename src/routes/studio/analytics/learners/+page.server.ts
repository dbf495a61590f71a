import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { nameableLearners } from '$lib/server/analytics/learners';
import { pageParam } from '$lib/server/admin/paging';

// Only learners of the trainer's councils and own courses are listed (admins: everyone); searchable, 50 a page.
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	return { q, ...(await nameableLearners(user, { q, page: pageParam(event.url.searchParams.get('page')) })) };
};
