// Data saver (issue 12): on when the browser asks for it (`navigator.connection.saveData`, e.g. Chrome's Lite mode)
// or when the learner chose "Daten sparen" in /account (a cookie the page can read, so the player sees it too).
// Then the player starts with the 64k rendition and images load lazily (the server knows the cookie: without JS too).

export const SAVER_COOKIE = 'saver';

/** The 64k mono rendition of an episode's HLS master playlist (`/media/<hash>/master.m3u8` → `/media/<hash>/64k/index.m3u8`). */
export function lowRendition(hls: string): string {
	return hls.replace(/master\.m3u8$/, '64k/index.m3u8');
}

/** In the browser: the browser's save-data wish or the learner's choice. */
export function wantsSaveData(): boolean {
	if (typeof navigator === 'undefined') return false;
	const connection = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection;
	if (connection?.saveData === true) return true;
	return document.cookie.split(/;\s*/).includes(`${SAVER_COOKIE}=1`);
}
