import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { adminOverview } from '$lib/server/admin/overview';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	return adminOverview();
};
