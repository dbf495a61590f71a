// The browser's outbox (issue 12): progress made without a connection, kept in IndexedDB until the server has it.
// Used by the pages (queue, count, send on `online` and on load) and by the service worker (Background Sync, logout).
// Entries the server refuses move to a second store, shown once with their reason and then dropped.
import { USED_FLAG } from './names';

export type OutboxEvent =
	| { kind: 'complete'; id: string; at: number; course: string; lesson: string; title?: string }
	| { kind: 'quiz'; id: string; at: number; course: string; lesson: string; revision: string; answers: Record<string, string[]>; title?: string }
	| { kind: 'position'; id: string; at: number; episode: string; position: number; duration?: number; title?: string };

export interface RefusedEntry {
	id: string;
	title: string;
	message: string;
}

const DB = 'mitsprache-outbox';
const EVENTS = 'events';
const REFUSED = 'refused';
/** Tells open pages (and the service worker) that the outbox changed. */
export const CHANNEL = 'mitsprache-outbox';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => {
			req.result.createObjectStore(EVENTS, { keyPath: 'id' });
			req.result.createObjectStore(REFUSED, { keyPath: 'id' });
		};
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function tx<T>(store: string, mode: IDBTransactionMode, run: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
	const db = await open();
	try {
		return await new Promise<T | undefined>((resolve, reject) => {
			const t = db.transaction(store, mode);
			const req = run(t.objectStore(store));
			t.oncomplete = () => resolve(req ? req.result : undefined);
			t.onerror = () => reject(t.error);
			t.onabort = () => reject(t.error);
		});
	} finally {
		db.close();
	}
}

function changed() {
	try {
		const c = new BroadcastChannel(CHANNEL);
		c.postMessage('changed');
		c.close();
	} catch {
		/* no BroadcastChannel: the pages count again on their next load */
	}
}

/** A new event id: unique per browser, so the server counts each event once however often it is sent. */
export const eventId = () => crypto.randomUUID();

/** Keeps an event until it is sent; a listening position replaces the older one of the same episode still waiting. */
export async function queue(event: OutboxEvent): Promise<void> {
	const older = event.kind === 'position' ? (await pending()).filter((e) => e.kind === 'position' && e.episode === event.episode && e.at <= event.at) : [];
	await tx(EVENTS, 'readwrite', (s) => {
		for (const e of older) s.delete(e.id);
		return s.put(event);
	});
	try {
		localStorage.setItem(USED_FLAG, '1');
		// the page's layout loads the outbox's status now
		window.dispatchEvent(new Event('mitsprache-outbox'));
	} catch {
		/* in the service worker, or storage disabled */
	}
	changed();
	// Background Sync (Chromium): the service worker sends the outbox when the connection returns
	const reg = (navigator.serviceWorker?.controller ? await navigator.serviceWorker.ready : null) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | null;
	await reg?.sync?.register('outbox').catch(() => undefined);
}

export const pending = async () => ((await tx<OutboxEvent[]>(EVENTS, 'readonly', (s) => s.getAll())) ?? []).sort((a, b) => a.at - b.at);
export const pendingCount = async () => (await tx<number>(EVENTS, 'readonly', (s) => s.count())) ?? 0;
export const refused = async () => (await tx<RefusedEntry[]>(REFUSED, 'readonly', (s) => s.getAll())) ?? [];
export async function dismissRefused(): Promise<void> {
	await tx(REFUSED, 'readwrite', (s) => s.clear());
	changed();
}

interface Answer {
	id: string;
	outcome: { status: 'ok' | 'refused' | 'pending' };
	message?: string;
}

let flushing: Promise<number> | null = null;
let unauthorized = false;
/** The last send was refused with 401 (the login expired): the entries wait, the page asks to log in again. */
export const loginNeeded = () => unauthorized;

/** Sends what waits, 100 at a time, in the order it happened; returns how many are still waiting. */
export function flushOutbox(): Promise<number> {
	flushing ??= (async () => {
		try {
			for (;;) {
				const events = await pending();
				if (!events.length) return 0;
				const batch = events.slice(0, 100);
				const res = await fetch('/api/outbox', {
					method: 'POST',
					credentials: 'same-origin',
					headers: { 'content-type': 'application/json', accept: 'application/json' },
					body: JSON.stringify({ events: batch.map(({ title: _t, ...e }) => e) })
				});
				// not logged in, or the server is not answering: everything stays for the next try
				unauthorized = res.status === 401;
				if (!res.ok) return events.length;
				const { results } = (await res.json()) as { results: Answer[] };
				const done = results.filter((r) => r.outcome.status !== 'pending');
				const titles = new Map(batch.map((e) => [e.id, e.title ?? '']));
				const db = await open();
				await new Promise<void>((resolve, reject) => {
					const t = db.transaction([EVENTS, REFUSED], 'readwrite');
					for (const r of done) {
						t.objectStore(EVENTS).delete(r.id);
						if (r.outcome.status === 'refused') t.objectStore(REFUSED).put({ id: r.id, title: titles.get(r.id) ?? '', message: r.message ?? '' });
					}
					t.oncomplete = () => resolve();
					t.onerror = () => reject(t.error);
				});
				db.close();
				changed();
				// the server is still applying some (another tab sent them): try those later
				if (done.length < batch.length) return events.length - done.length;
			}
		} catch {
			return pendingCount().catch(() => 0);
		} finally {
			flushing = null;
		}
	})();
	return flushing;
}
