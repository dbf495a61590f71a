// Position heartbeats of a logged-in listener (JSON; hooks enforce same-origin and application/json).
import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { requireApiUser } from '$lib/server/auth/guard';
import { heartbeatSchema, saveListening } from '$lib/server/podcast/listening';

export const POST: RequestHandler = async (event) => {
	const user = requireApiUser(event);
	const parsed = heartbeatSchema.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return json({ ok: false, reason: 'invalid' }, { status: 400 });
	const r = await saveListening(user.id, parsed.data);
	return json(r, { status: r.ok ? 200 : r.reason === 'unknown_episode' ? 404 : 422 });
};
