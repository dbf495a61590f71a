// In-memory caches of what is the same for everyone (rendered lessons, catalogue), keyed by revision id or
// content version. Never anything about a user. Another process (the import CLI, a second instance) changes
// the content version in the database; we re-read it at most once a second.
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';

export class Lru<V> {
	private map = new Map<string, V>();
	constructor(private max: number) {}
	get(key: string): V | undefined {
		const v = this.map.get(key);
		if (v !== undefined) {
			this.map.delete(key);
			this.map.set(key, v);
		}
		return v;
	}
	set(key: string, v: V) {
		this.map.delete(key);
		this.map.set(key, v);
		if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
	}
	clear() {
		this.map.clear();
	}
}

let localBump = 0;
let version: { value: string; checkedAt: number } | undefined;

/** Called after this process changed content, so its caches do not wait for the next check. */
export function bumpContentVersion() {
	localBump++;
	version = undefined;
}

/** A string that changes whenever course content changes (import here or elsewhere). */
export async function contentVersion(): Promise<string> {
	const now = Date.now();
	if (version && now - version.checkedAt < 1000) return version.value;
	const row = (await db().select({ importedAt: schema.contentState.importedAt }).from(schema.contentState).where(eq(schema.contentState.key, 'courses')).limit(1))[0];
	version = { value: `${row?.importedAt ?? 0}:${localBump}`, checkedAt: now };
	return version.value;
}

/** Caches `load()` under the current content version; concurrent callers share one load. */
export function versioned<T>(max = 64) {
	const lru = new Lru<Promise<T>>(max);
	return async (key: string, load: () => Promise<T>): Promise<T> => {
		const k = (await contentVersion()) + '|' + key;
		let p = lru.get(k);
		if (!p) {
			p = load();
			lru.set(k, p);
			p.catch(() => lru.clear());
		}
		return p;
	};
}
