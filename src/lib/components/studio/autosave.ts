// Autosave plumbing for the lesson editor: server saves (fetch, or sendBeacon when the page goes away) and a copy
// in localStorage for when the server cannot be reached. Browser-only.
export interface DraftPayload {
	title: string;
	duration: number;
	summaryEn: string;
	episode: string;
	quizMode?: string;
	body: string;
	baseRevisionId: string | null;
}
export interface SaveAnswer {
	savedAt: number;
	conflict: boolean;
}

export async function saveToServer(url: string, d: DraftPayload): Promise<SaveAnswer | null> {
	try {
		const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(d) });
		if (!res.ok) return null;
		return (await res.json()) as SaveAnswer;
	} catch {
		return null; // offline: the local copy keeps it
	}
}

/** For pagehide / visibilitychange: the browser sends it even while the page unloads. */
export function beaconToServer(url: string, d: DraftPayload) {
	const body = JSON.stringify(d);
	let sent = false;
	try {
		sent = navigator.sendBeacon(url, new Blob([body], { type: 'application/json' }));
	} catch {
		sent = false;
	}
	if (!sent) fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
}

interface LocalCopy {
	d: DraftPayload;
	at: number;
}
const key = (lessonId: string) => `mitsprache:studio-draft:${lessonId}`;

export function keepLocal(lessonId: string, d: DraftPayload) {
	try {
		localStorage.setItem(key(lessonId), JSON.stringify({ d, at: Date.now() } satisfies LocalCopy));
	} catch {
		/* storage full or disabled: the server copy is all there is */
	}
}

export function dropLocal(lessonId: string) {
	try {
		localStorage.removeItem(key(lessonId));
	} catch {
		/* nothing to drop */
	}
}

/** The local copy if it is newer than what the server has. */
export function localNewerThan(lessonId: string, serverAt: number | null): LocalCopy | null {
	try {
		const raw = localStorage.getItem(key(lessonId));
		if (!raw) return null;
		const copy = JSON.parse(raw) as LocalCopy;
		return copy.at > (serverAt ?? 0) ? copy : null;
	} catch {
		return null;
	}
}
