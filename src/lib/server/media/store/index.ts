// Where finished media lives: the local MEDIA_DIR (default) or an S3-compatible bucket (MEDIA_STORE=s3). Packaging,
// uploads in progress and other work files always stay in the local MEDIA_DIR; only finished files go to the store.
import { config } from '../../config';
import { log } from '../../log';
import { LocalStore } from './local';
import { S3Store } from './s3';

export { cacheControlFor, contentTypeFor, MIME, mediaKey, StoreUnavailable } from './keys';

export interface StoredObject {
	size: number;
	mtime: Date;
	etag: string;
}

export interface PutOptions {
	contentType?: string;
	cacheControl?: string;
}

export interface MediaStore {
	readonly kind: 'local' | 's3';
	/** Size, time and validator of a stored file; null when there is none (or the key is not servable). */
	stat(key: string): Promise<StoredObject | null>;
	/** The bytes start..end (inclusive) of a stored file. */
	read(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>>;
	/** Stores bytes under key; a reader never sees half a file. */
	put(key: string, body: Uint8Array, opts?: PutOptions): Promise<void>;
	/** Stores a local file under key (multipart for large files on S3). */
	putFile(key: string, file: string, opts?: PutOptions): Promise<void>;
	/**
	 * Makes a finished local package folder the stored folder `prefix`. Listeners never see it half there: the
	 * playlists go last (S3) or the folder is renamed into place (local). The local folder is gone afterwards.
	 */
	publishDir(localDir: string, prefix: string): Promise<void>;
	/** A local file with the stored file's bytes (the local store's own file, or a copy under workDir). */
	localCopy(key: string, workDir: string): Promise<string | null>;
	/** Throws when the store cannot be used (unreachable, wrong credentials, no bucket). */
	check(): Promise<void>;
	/** Closes open connections (tests, shutdown). */
	close(): void;
}

export function storeFromEnv(): MediaStore {
	if ((process.env.MEDIA_STORE || 'local') === 's3') {
		const need = ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((n) => !process.env[n]);
		if (need.length) throw new Error(`MEDIA_STORE=s3 needs ${need.join(', ')}`);
		return new S3Store({
			endpoint: process.env.S3_ENDPOINT || undefined,
			bucket: process.env.S3_BUCKET!,
			region: process.env.S3_REGION || 'us-east-1',
			accessKeyId: process.env.S3_ACCESS_KEY_ID!,
			secretAccessKey: process.env.S3_SECRET_ACCESS_KEY!
		});
	}
	return new LocalStore(config.mediaDir);
}

let current: { store: MediaStore; sig: string } | null = null;

/** The configured store (chosen again when the environment changes: tests switch between stores). */
export function mediaStore(): MediaStore {
	const sig = ['MEDIA_STORE', 'MEDIA_DIR', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].map((n) => process.env[n] ?? '').join('\n');
	if (current?.sig !== sig) {
		current?.store.close();
		current = { store: storeFromEnv(), sig };
	}
	return current.store;
}

export function closeMediaStore(): void {
	current?.store.close();
	current = null;
	health = null;
}

export interface StoreHealth {
	ok: boolean;
	reason?: string;
}
let health: { at: number; result: StoreHealth; store: MediaStore } | null = null;
const HEALTH_TTL_MS = 5000;

/** Whether the store answers; asked at most every few seconds (health checks and workers call it often). */
export async function storeHealth(force = false): Promise<StoreHealth> {
	let store: MediaStore;
	try {
		store = mediaStore();
	} catch (err) {
		return { ok: false, reason: (err as Error).message };
	}
	if (!force && health && health.store === store && Date.now() - health.at < HEALTH_TTL_MS) return health.result;
	let result: StoreHealth;
	try {
		await store.check();
		result = { ok: true };
	} catch (err) {
		result = { ok: false, reason: (err as Error).message || (err as Error).name };
	}
	if (health && health.store === store && health.result.ok !== result.ok) log(result.ok ? 'media_store_back' : 'media_store_unavailable', { store: store.kind, reason: result.reason });
	health = { at: Date.now(), result, store };
	return result;
}

/** The base URL of a bucket or CDN that serves the files itself; /media then redirects there. */
export function mediaPublicUrl(): string | null {
	const u = process.env.MEDIA_PUBLIC_URL;
	return u ? u.replace(/\/+$/, '') : null;
}
