import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { statementSettings } from '$lib/server/a11y/statement';
import { signVideo } from '$lib/server/a11y/sign-video';
import { feedbackSchema, FEEDBACK_MESSAGE_MAX, submitFeedback } from '$lib/server/a11y/feedback';
import { parseForm } from '$lib/server/forms';
import { formatDate, formatTime } from '$lib/server/format';
import { config } from '$lib/server/config';
import { t } from '$lib/server/i18n';

// Public: the accessibility statement (EU model statement, Implementing Decision (EU) 2018/1523) and its feedback form.
export const load: PageServerLoad = ({ locals, url }) => {
	const s = statementSettings();
	return {
		operator: s.operator,
		contactEmail: s.contactEmail,
		enforcement: s.enforcement,
		prepared: formatDate(s.prepared, locals.locale),
		reviewed: s.reviewed !== s.prepared ? formatDate(s.reviewed, locals.locale) : null,
		site: new URL(config.origin).host,
		origin: config.origin,
		signVideo: signVideo() !== null,
		sent: url.searchParams.has('gesendet'),
		messageMax: FEEDBACK_MESSAGE_MAX
	};
};

export const actions: Actions = {
	default: async (event) => {
		const locale = event.locals.locale;
		const data = await event.request.formData();
		const form = parseForm(data, feedbackSchema, locale);
		// the message field keeps what was typed, up to its limit (parseForm shortens values to 500 characters)
		const values = { ...form.values, message: String(data.get('message') ?? '').slice(0, FEEDBACK_MESSAGE_MAX + 100) };
		if (!form.ok) return fail(400, { message: t(locale, 'error_form'), errors: form.errors, values });
		const r = await submitFeedback(form.data, locale, event.getClientAddress());
		if (!r.ok) return fail(429, { message: t(locale, 'rate_limited', { time: formatTime(r.retryAt, locale) }), errors: {}, values });
		redirect(303, '/barrierefreiheit?gesendet#feedback');
	}
};
