// The studio's JSON endpoints share this: a logged-in trainer (401/403 otherwise) who may edit the course (403/404),
// and a JSON body in the draft's shape (400 with translated field errors otherwise).
import { error, json, type RequestEvent } from '@sveltejs/kit';
import { requireApiUser } from '../auth/guard';
import { t } from '../i18n';
import { lessonForEdit } from './access';
import { draftSchema, MAX_BODY } from './drafts';

export async function apiLesson(event: Pick<RequestEvent, 'locals' | 'url' | 'params' | 'request'>) {
	const user = requireApiUser(event);
	const locale = event.locals.locale;
	if (user.role !== 'trainer' && user.role !== 'admin') error(403, t(locale, 'error_forbidden'));
	const params = event.params as { course: string; lesson: string };
	const { course, lesson } = await lessonForEdit(user, params.course, params.lesson, locale);
	const raw = await event.request.text();
	if (raw.length > MAX_BODY * 2) error(413, t(locale, 'error_too_large'));
	let body: unknown;
	try {
		body = JSON.parse(raw);
	} catch {
		error(400, t(locale, 'error_bad_request'));
	}
	const parsed = draftSchema.safeParse(body);
	if (!parsed.success) {
		const errors: Record<string, string> = {};
		for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= t(locale, issue.message);
		return { user, course, lesson, data: null, invalid: json({ message: t(locale, 'studio_error_form'), errors }, { status: 400 }) };
	}
	return { user, course, lesson, data: parsed.data, invalid: null };
}
