import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'trainer');
	return { name: user.displayName };
};
