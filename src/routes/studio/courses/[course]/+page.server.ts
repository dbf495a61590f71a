import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { requireRole } from '$lib/server/auth/guard';
import { parseForm } from '$lib/server/forms';
import { t } from '$lib/server/i18n';
import { courseForEdit } from '$lib/server/studio/access';
import { setCourseDraft } from '$lib/server/studio/courses';
import { idSchema, moveSchema, newLessonSchema, orderSchema, titleSchema } from '$lib/server/studio/schemas';
import { variantMatrix } from '$lib/server/studio/variant-matrix';
import { ENDONYMS } from '$lib/content/languages';
import { courseStructure, createLesson, createModule, moveOne, renameModule, reorder, setLessonArchived, setModuleArchived } from '$lib/server/studio/structure';

async function guard(event: RequestEvent) {
	const user = requireRole(event, 'trainer');
	const course = await courseForEdit(user, event.params.course, event.locals.locale);
	return { user, course, locale: event.locals.locale };
}

export const load: PageServerLoad = async (event) => {
	const { user, course } = await guard(event);
	return {
		course: { slug: course.slug, title: course.title, origin: course.origin, draft: course.draft },
		modules: await courseStructure(course.id, user.id),
		// which lessons lack which variants
		variants: await variantMatrix(course, user.id),
		languageNames: ENDONYMS,
		created: event.url.searchParams.has('created'),
		published: event.url.searchParams.get('published')
	};
};

const back = (slug: string, anchor = '') => `/studio/courses/${slug}${anchor}`;
const notFound = (locale: string) => fail(404, { message: t(locale, 'studio_error_not_found') });

/** Archive/restore and move actions share this shape: an id, a change, 404 when the id is not in this course. */
function idAction(kind: 'module' | 'lesson', run: (actorId: string, courseId: string, id: string) => Promise<boolean>) {
	return async (event: RequestEvent) => {
		const { user, course, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), idSchema, locale);
		if (!form.ok || !(await run(user.id, course.id, form.data.id))) return notFound(locale);
		redirect(303, back(course.slug, `#${kind}-${form.data.id}`));
	};
}

export const actions: Actions = {
	/** the course goes live for learners (catalogue, search, its pages) */
	publish: async (event) => {
		const { user, course } = await guard(event);
		await setCourseDraft(user.id, course.id, false);
		redirect(303, back(course.slug, '?published=1'));
	},
	/** back to draft: learners no longer see it (their progress stays, nothing is deleted) */
	unpublish: async (event) => {
		const { user, course } = await guard(event);
		await setCourseDraft(user.id, course.id, true);
		redirect(303, back(course.slug, '?published=0'));
	},
	addModule: async (event) => {
		const { user, course, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), titleSchema, locale);
		if (!form.ok) return fail(400, { form: 'addModule', message: t(locale, 'studio_error_form'), errors: form.errors, values: form.values });
		const id = await createModule(user.id, course.id, form.data.title);
		redirect(303, back(course.slug, `#module-${id}`));
	},
	renameModule: async (event) => {
		const { user, course, locale } = await guard(event);
		const data = await event.request.formData();
		const id = parseForm(data, idSchema, locale);
		const form = parseForm(data, titleSchema, locale);
		if (!id.ok) return notFound(locale);
		if (!form.ok) return fail(400, { form: `rename-${id.data.id}`, message: t(locale, 'studio_error_form'), errors: form.errors, values: form.values });
		if (!(await renameModule(user.id, course.id, id.data.id, form.data.title))) return notFound(locale);
		redirect(303, back(course.slug, `#module-${id.data.id}`));
	},
	archiveModule: idAction('module', (a, c, id) => setModuleArchived(a, c, id, true)),
	restoreModule: idAction('module', (a, c, id) => setModuleArchived(a, c, id, false)),
	archiveLesson: idAction('lesson', (a, c, id) => setLessonArchived(a, c, id, true)),
	restoreLesson: idAction('lesson', (a, c, id) => setLessonArchived(a, c, id, false)),
	addLesson: async (event) => {
		const { user, course, locale } = await guard(event);
		const form = parseForm(await event.request.formData(), newLessonSchema, locale);
		if (!form.ok) return fail(400, { form: `addLesson-${form.values.moduleId ?? ''}`, message: t(locale, 'studio_error_form'), errors: form.errors, values: form.values });
		const r = await createLesson(user.id, course, form.data);
		if (!r.ok) return fail(400, { form: `addLesson-${form.data.moduleId}`, message: t(locale, r.error), errors: { slug: t(locale, r.error) }, values: form.values });
		redirect(303, `/studio/courses/${course.slug}/lessons/${r.slug}`);
	},
	move: async (event) => {
		const { user, course, locale } = await guard(event);
		const data = await event.request.formData();
		const form = parseForm(data, moveSchema, locale);
		const kind = data.get('kind') === 'module' ? 'module' : 'lesson';
		if (!form.ok || !(await moveOne(user.id, course.id, kind, form.data.id, form.data.direction))) return notFound(locale);
		redirect(303, back(course.slug, `#${kind}-${form.data.id}`));
	},
	/** drag and drop: the whole new order of the modules, or of one module's lessons */
	order: async (event) => {
		const { user, course, locale } = await guard(event);
		const data = await event.request.formData();
		const form = parseForm(data, orderSchema, locale);
		const kind = data.get('kind') === 'module' ? 'module' : 'lesson';
		const moduleId = String(data.get('moduleId') ?? '');
		if (!form.ok || !(await reorder(user.id, course.id, kind, form.data.ids, moduleId))) return notFound(locale);
		return { ordered: true };
	}
};
