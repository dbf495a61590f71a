// The browser's outbox (issue 12): progress made offline, sent as a batch of events with client-generated ids.
// JSON only; the hook has already bounded the body (http/body.ts) and checked the origin.
import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { t } from '$lib/server/i18n';
import { outboxSchema, processOutbox } from '$lib/server/offline/outbox';

export const POST: RequestHandler = async (event) => {
	const locale = event.locals.locale;
	const user = event.locals.user;
	// the outbox keeps its entries on a 401 and shows why they wait
	if (!user) return json({ message: t(locale, 'offline_login_required') }, { status: 401 });
	const parsed = outboxSchema.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return json({ message: t(locale, 'offline_invalid') }, { status: 400 });
	const results = await processOutbox(user, parsed.data.events, locale);
	return json({ results }, { headers: { 'cache-control': 'no-store' } });
};
