import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { nameableLearners } from '$lib/server/analytics/learners';

// Only learners of the trainer's councils and own courses are listed (admins: everyone).
export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	return { learners: await nameableLearners(user) };
};
