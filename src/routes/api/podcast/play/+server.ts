// A player start, or the player reaching 90 % of the episode (`event: 'heard'`), from anyone (anonymous too):
// counted once per client, episode, event and day; no IP is stored. Both are counted alike, so the analytics'
// "heard to the end" share compares like with like.
import type { RequestHandler } from './$types';
import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { getEpisode } from '$lib/server/podcast/episodes';
import { countOncePerDay } from '$lib/server/podcast/stats';
import { clientAddress } from '$lib/server/http/client-address';

const body = z.object({ episode: z.string().min(1).max(200), event: z.enum(['play', 'heard']).default('play') });

export const POST: RequestHandler = async (event) => {
	const parsed = body.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) return json({ ok: false }, { status: 400 });
	const e = await getEpisode(parsed.data.episode);
	if (!e) return json({ ok: false }, { status: 404 });
	const counted = await countOncePerDay(parsed.data.event, e.episode.id, clientAddress(event), event.request.headers.get('user-agent'));
	return json({ ok: true, counted });
};
