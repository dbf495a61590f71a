// Whether a page has shown a player yet. The root layout loads the mini-player (which owns the site's one <audio>
// element) only then, so pages without an episode do not ship the player's code (JavaScript budget, issues 3/4).
// `current`/`playing`: the episode in the one player and whether it plays, for pages that show a player only on
// demand (a lesson's embed appears when its episode is the one playing).
export const playerShell = $state<{ needed: boolean; current: string | null; playing: boolean }>({ needed: false, current: null, playing: false });

/** localStorage key of an anonymous listener's positions (positions.ts), read by the layout to merge them at login. */
export const LISTENING_KEY = 'mitsprache.listening';

/** sessionStorage key of the episode in the mini-player and its position, so that a reload brings it back (paused). */
export const NOW_PLAYING_KEY = 'mitsprache.nowPlaying';
