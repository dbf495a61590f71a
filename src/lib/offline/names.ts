// Names shared by the service worker and the pages' offline code (issue 12): which Cache Storage caches hold what.

/** Pages a learner visited (HTML and their SvelteKit data), network first; personal, so emptied at logout. */
export const PAGES_CACHE = 'pages';
/** One cache per stored course revision: `pack:<course>:<revision>`. */
export const PACK_PREFIX = 'pack:';
/** Stored episode files (the MP3 of each), by their /media URL. */
export const EPISODES_CACHE = 'episodes';
/** Paths whose pages are worth keeping for offline reading; the rest (studio, admin, account) is never cached. */
export const CACHEABLE = /^\/(?:$|courses(?:\/|$)|me(?:\/|$)|podcast(?:\/|$)|glossar(?:\/|$)|offline$|leichte-sprache$|barrierefreiheit$)/;
/** A flag in localStorage: this browser has used offline storage (only then do pages load the offline code). */
export const USED_FLAG = 'mitsprache-offline';

export const packCacheName = (course: string, revision: string) => `${PACK_PREFIX}${course}:${revision}`;
