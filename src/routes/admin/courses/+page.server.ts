import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { t } from '$lib/server/i18n';
import { listCouncils } from '$lib/server/admin/councils';
import { coursesWithCouncils, setCourseVisibility } from '$lib/server/courses/visibility';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const [courses, councils] = await Promise.all([coursesWithCouncils(), listCouncils()]);
	return { courses, councils: councils.map((c) => ({ id: c.id, name: c.name, city: c.city })) };
};

const visibilitySchema = z.object({
	course: z.string().min(1).max(64),
	visibility: z.enum(['public', 'councils']),
	councils: z.array(z.string().min(1).max(64)).max(500)
});

export const actions: Actions = {
	visibility: async (event) => {
		const me = requireRole(event, 'admin');
		const locale = event.locals.locale;
		const form = await event.request.formData();
		const parsed = visibilitySchema.safeParse({ course: form.get('course'), visibility: form.get('visibility'), councils: form.getAll('councils') });
		if (!parsed.success) return fail(400, { course: String(form.get('course') ?? ''), message: t(locale, 'error_form') });
		const { course, visibility, councils } = parsed.data;
		const r = await setCourseVisibility(me.id, course, visibility, visibility === 'councils' ? councils : []);
		if (!r.ok) return fail(r.error === 'analytics_visibility_unknown_course' ? 404 : 400, { course, message: t(locale, r.error) });
		return { course, saved: true };
	}
};
