import type { PageServerLoad } from './$types';
import { config } from '$lib/server/config';
import { getShow, listEpisodes, listPlayerEpisode } from '$lib/server/podcast/episodes';
import { continueListening } from '$lib/server/podcast/listening';

// Public page; "continue listening" only for the logged-in listener's own positions.
export const load: PageServerLoad = async ({ url, locals }) => {
	const q = (url.searchParams.get('q') ?? '').slice(0, 200);
	const [show, episodes, cont] = await Promise.all([getShow(), listEpisodes({ q }), locals.user ? continueListening(locals.user.id, 3) : Promise.resolve([])]);
	// each with what the list's play button hands to the site's one player
	const items = episodes.map((e) => ({ ...e, player: listPlayerEpisode(e, show) }));
	const seasons = new Map<number, typeof items>();
	for (const e of items) seasons.set(e.season, [...(seasons.get(e.season) ?? []), e]);
	return {
		q,
		show: show ? { language: show.language, title: show.title, descriptionHtml: show.descriptionHtml, description: show.description, cover: `/media/${show.imagePath}`, demo: show.demo } : null,
		seasons: [...seasons.entries()].sort((a, b) => b[0] - a[0]).map(([season, items]) => ({ season, items })),
		count: episodes.length,
		continueItems: cont,
		feedUrl: `${config.origin}/podcast/feed.xml`
	};
};
