// Positions an anonymous listener kept in localStorage, merged into the account after login (newer wins).
import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { requireApiUser } from '$lib/server/auth/guard';
import { heartbeatSchema, mergeListening } from '$lib/server/podcast/listening';

const body = z.object({ entries: z.array(heartbeatSchema).max(200) });

export const POST: RequestHandler = async (event) => {
	const user = requireApiUser(event);
	const parsed = body.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return json({ ok: false, reason: 'invalid' }, { status: 400 });
	return json({ ok: true, saved: await mergeListening(user.id, parsed.data.entries) });
};
