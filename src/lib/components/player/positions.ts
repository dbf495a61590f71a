// Where listening positions go from the browser: the account (fetch, or sendBeacon when the page is hidden)
// or, for anonymous listeners, localStorage, merged into the account on the first page load after login.
export interface PositionEntry {
	episode: string;
	position: number;
	duration: number;
	at: number;
}

import { LISTENING_KEY as KEY, NOW_PLAYING_KEY } from './shell.svelte';
import type { PlayerEpisode } from '$lib/podcast/types';

export function loadLocal(): Record<string, PositionEntry> {
	try {
		return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, PositionEntry>;
	} catch {
		return {};
	}
}

export function saveLocal(e: PositionEntry) {
	try {
		const all = loadLocal();
		all[e.episode] = e;
		localStorage.setItem(KEY, JSON.stringify(all));
	} catch {
		/* storage full or disabled: the position is simply not kept */
	}
}

/** Without a connection the position waits in the outbox (issue 12), sent when the network returns. */
async function queueOffline(e: PositionEntry) {
	const { queue, eventId } = await import('$lib/offline/outbox-store');
	await queue({ kind: 'position', id: eventId(), at: e.at, episode: e.episode, position: e.position, duration: e.duration || undefined });
}

export function sendPosition(e: PositionEntry, beacon: boolean) {
	if (!navigator.onLine) return void queueOffline(e).catch(() => saveLocal(e));
	const body = JSON.stringify(e);
	if (beacon && navigator.sendBeacon && navigator.sendBeacon('/api/listening', new Blob([body], { type: 'application/json' }))) return;
	void fetch('/api/listening', { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => queueOffline(e).catch(() => saveLocal(e)));
}

/** After login: hand the positions kept in this browser to the account (the server keeps the newer of each). */
export async function mergeLocalIntoAccount() {
	const entries = Object.values(loadLocal());
	if (!entries.length) return;
	const res = await fetch('/api/listening/merge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries }) }).catch(() => null);
	if (res?.ok) localStorage.removeItem(KEY);
}

/** The episode in the mini-player and where it stands, for this tab only: a reload brings it back, paused there. */
export interface NowPlaying {
	episode: PlayerEpisode;
	position: number;
}

export function saveNowPlaying(episode: PlayerEpisode, position: number) {
	try {
		// the waveform is not needed to show the mini-player (the episode page brings its own)
		const entry: NowPlaying = { episode: { ...episode, peaks: [] }, position: Math.round(position * 10) / 10 };
		sessionStorage.setItem(NOW_PLAYING_KEY, JSON.stringify(entry));
	} catch {
		/* storage disabled: a reload simply starts without the mini-player */
	}
}

export function loadNowPlaying(): NowPlaying | null {
	try {
		const v = JSON.parse(sessionStorage.getItem(NOW_PLAYING_KEY) ?? 'null') as NowPlaying | null;
		return v && typeof v.episode?.slug === 'string' && Number.isFinite(v.position) ? v : null;
	} catch {
		return null;
	}
}

export function forgetNowPlaying() {
	try {
		sessionStorage.removeItem(NOW_PLAYING_KEY);
	} catch {
		/* storage disabled: nothing kept */
	}
}
