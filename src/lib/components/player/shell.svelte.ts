// Whether a page has shown a player yet. The root layout loads the mini-player (which owns the site's one <audio>
// element) only then, so pages without an episode do not ship the player's code (JavaScript budget, issues 3/4).
export const playerShell = $state({ needed: false });

/** localStorage key of an anonymous listener's positions (positions.ts), read by the layout to merge them at login. */
export const LISTENING_KEY = 'mitsprache.listening';
