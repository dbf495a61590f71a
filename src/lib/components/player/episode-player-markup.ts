// The episode page's player rendered to HTML on the server, for PlayerIsland.svelte (imported there with
// `?server-only`: the page's JavaScript has none of this; the browser loads EpisodePlayer.svelte when it is needed).
import { render } from 'svelte/server';
import type { ComponentProps } from 'svelte';
import EpisodePlayer from './EpisodePlayer.svelte';

export type EpisodePlayerProps = ComponentProps<typeof EpisodePlayer>;

export default function episodePlayerMarkup(props: EpisodePlayerProps): string {
	return render(EpisodePlayer, { props }).body;
}
