import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getShow, listEpisodes } from '$lib/server/podcast/episodes';
import { continueListening } from '$lib/server/podcast/listening';

// Public page; "continue listening" only for the logged-in listener's own positions.
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const [show, episodes, cont] = await Promise.all([getShow(), listEpisodes({ q }), locals.user ? continueListening(locals.user.id, 3) : Promise.resolve([])]);
	const seasons = new Map<number, typeof episodes>();
	for (const e of episodes) seasons.set(e.season, [...(seasons.get(e.season) ?? []), e]);
	return {
		q,
		show: show ? { language: show.language, title: show.title, descriptionHtml: show.descriptionHtml, description: show.description, cover: `/media/${show.imagePath}`, demo: show.demo } : null,
		seasons: [...seasons.entries()].sort((a, b) => b[0] - a[0]).map(([season, items]) => ({ season, items })),
		count: episodes.length,
		continueItems: cont,
		feedUrl: `${config.origin}/podcast/feed.xml`
	};
};
