import type { PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { studioCourses } from '$lib/server/studio/courses';

export const load: PageServerLoad = async (event) => {
	const user = requireRole(event, 'trainer');
	return { courses: await studioCourses(user), admin: user.role === 'admin' };
};
