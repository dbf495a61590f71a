// Where listening positions go from the browser: the account (fetch, or sendBeacon when the page is hidden)
// or, for anonymous listeners, localStorage, merged into the account on the first page load after login.
export interface PositionEntry {
	episode: string;
	position: number;
	duration: number;
	at: number;
}

import { LISTENING_KEY as KEY } from './shell.svelte';

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

export function sendPosition(e: PositionEntry, beacon: boolean) {
	const body = JSON.stringify(e);
	if (beacon && navigator.sendBeacon && navigator.sendBeacon('/api/listening', new Blob([body], { type: 'application/json' }))) return;
	void fetch('/api/listening', { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => saveLocal(e));
}

/** After login: hand the positions kept in this browser to the account (the server keeps the newer of each). */
export async function mergeLocalIntoAccount() {
	const entries = Object.values(loadLocal());
	if (!entries.length) return;
	const res = await fetch('/api/listening/merge', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ entries }) }).catch(() => null);
	if (res?.ok) localStorage.removeItem(KEY);
}
