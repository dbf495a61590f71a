// The media store in an S3-compatible bucket (AWS, MinIO, Garage, Ceph, s3rver in the tests). Objects carry their
// Content-Type and Cache-Control, so a bucket or CDN can serve them directly (MEDIA_PUBLIC_URL).
import { GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaStore, PutOptions, StoredObject } from './index';
import { cacheControlFor, contentTypeFor, mediaKey, StoreUnavailable } from './keys';

export interface S3Options {
	endpoint?: string;
	bucket: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}

/** A HEAD (serving, health) that takes longer than this counts as a store that does not answer. */
const HEAD_TIMEOUT_MS = 5000;

/** Files above this go up in parts (lib-storage); below, one PUT. */
const MULTIPART_BYTES = 16 * 1024 * 1024;

function notFound(err: unknown): boolean {
	const e = err as S3ServiceException;
	return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** Connection refused, timeouts, 5xx, refused credentials: the store is unusable, not the request wrong. */
function unavailable(err: unknown): boolean {
	const e = err as S3ServiceException & { code?: string };
	const status = e?.$metadata?.httpStatusCode;
	return !status || status >= 500 || status === 401 || status === 403 || ['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'AccessDenied', 'NoSuchBucket'].includes(e?.name);
}

function wrap(err: unknown): Error {
	return unavailable(err) ? new StoreUnavailable(err) : (err as Error);
}

/** Playlists after everything else, the master playlist last: a player that finds one finds all it names. */
export function publishOrder(a: string, b: string): number {
	const rank = (k: string) => (path.basename(k) === 'master.m3u8' ? 2 : k.endsWith('.m3u8') ? 1 : 0);
	return rank(a) - rank(b) || a.localeCompare(b);
}

export function walk(dir: string, base = dir): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? walk(p, base) : e.isFile() ? [path.relative(base, p).split(path.sep).join('/')] : [];
	});
}

export class S3Store implements MediaStore {
	readonly kind = 's3';
	readonly client: S3Client;
	readonly bucket: string;

	constructor(opts: S3Options) {
		this.bucket = opts.bucket;
		this.client = new S3Client({
			endpoint: opts.endpoint,
			region: opts.region,
			credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
			// MinIO, Garage and s3rver name the bucket in the path, not in the host
			forcePathStyle: !!opts.endpoint,
			maxAttempts: 2,
			// never hang a request or a worker on a store that does not answer (requestTimeout: idle socket; HEADs
			// have a shorter deadline below)
			requestHandler: { connectionTimeout: 3000, requestTimeout: 30000, throwOnRequestTimeout: true }
		});
	}

	async stat(key: string): Promise<StoredObject | null> {
		if (!mediaKey(key)) return null;
		try {
			const h = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: AbortSignal.timeout(HEAD_TIMEOUT_MS) });
			return { size: Number(h.ContentLength ?? 0), mtime: h.LastModified ?? new Date(0), etag: h.ETag ?? `"${h.ContentLength}"` };
		} catch (err) {
			if (notFound(err)) return null;
			throw wrap(err);
		}
	}

	async read(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
		try {
			const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=${start}-${end}` }));
			return r.Body!.transformToWebStream() as ReadableStream<Uint8Array>;
		} catch (err) {
			throw wrap(err);
		}
	}

	private meta(key: string, opts?: PutOptions) {
		return { Bucket: this.bucket, Key: key, ContentType: opts?.contentType ?? contentTypeFor(key), CacheControl: opts?.cacheControl ?? cacheControlFor(key) };
	}

	async put(key: string, body: Uint8Array, opts?: PutOptions): Promise<void> {
		try {
			await this.client.send(new PutObjectCommand({ ...this.meta(key, opts), Body: body, ContentLength: body.byteLength }));
		} catch (err) {
			throw wrap(err);
		}
	}

	async putFile(key: string, file: string, opts?: PutOptions): Promise<void> {
		const size = fs.statSync(file).size;
		try {
			if (size < MULTIPART_BYTES) {
				await this.client.send(new PutObjectCommand({ ...this.meta(key, opts), Body: fs.readFileSync(file), ContentLength: size }));
			} else {
				await new Upload({ client: this.client, params: { ...this.meta(key, opts), Body: fs.createReadStream(file) }, partSize: 8 * 1024 * 1024, queueSize: 2 }).done();
			}
		} catch (err) {
			throw wrap(err);
		}
	}

	async publishDir(localDir: string, prefix: string): Promise<void> {
		const files = walk(localDir).sort(publishOrder);
		// the same package built elsewhere already (its master playlist is the last thing written)
		if (!(await this.stat(`${prefix}/master.m3u8`)) || !files.includes('master.m3u8')) {
			for (const rel of files) await this.putFile(`${prefix}/${rel}`, path.join(localDir, rel));
		}
		fs.rmSync(localDir, { recursive: true, force: true });
	}

	async localCopy(key: string, workDir: string): Promise<string | null> {
		try {
			const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
			fs.mkdirSync(workDir, { recursive: true });
			const file = path.join(workDir, path.basename(key));
			await pipeline(r.Body as Readable, fs.createWriteStream(file));
			return file;
		} catch (err) {
			if (notFound(err)) return null;
			throw wrap(err);
		}
	}

	close(): void {
		this.client.destroy();
	}

	async check(): Promise<void> {
		try {
			await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }), { abortSignal: AbortSignal.timeout(HEAD_TIMEOUT_MS) });
		} catch (err) {
			throw new StoreUnavailable(err);
		}
	}
}
