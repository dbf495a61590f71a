// The course form (new course and settings): parsing, including the council checkboxes parseForm cannot see.
import { parseForm } from '../forms';
import { courseSchema } from './schemas';

export function parseCourseForm(form: FormData, locale: string) {
	const parsed = parseForm(form, courseSchema, locale);
	const councilIds = form
		.getAll('councils')
		.filter((v): v is string => typeof v === 'string')
		.slice(0, 200);
	return { ...parsed, councilIds };
}
