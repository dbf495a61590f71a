// /media serving from both stores (local folder and an S3 API, s3rver): ranges, conditional requests, MIME types,
// caching, CORS, and no way out of the store. With MEDIA_PUBLIC_URL, /media sends the player to the bucket or CDN.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3, setStoreEnv, type RunningS3 } from '../../../../tests/s3';
import { config } from '../config';
import { resolveMediaPath, serveMediaFile } from './serve';
import { mediaStore } from './store';

const HASH = '0123456789abcdef0123456789abcdef';
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const req = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://x/media/', { method, headers });
const get = (rel: string, headers: Record<string, string> = {}, method = 'GET') => serveMediaFile(req(headers, method), rel);

describe.each(['local', 's3'] as const)('serveMediaFile from the %s store', (kind) => {
	let s3: RunningS3 | null = null;
	let restore = () => {};
	beforeAll(async () => {
		if (kind === 's3') {
			s3 = await startS3();
			restore = setStoreEnv(s3.env);
		}
		const store = mediaStore();
		expect(store.kind).toBe(kind);
		await store.put(`${HASH}/episode.mp3`, body);
		await store.put(`${HASH}/64k/seg_0000.m4s`, body);
		await store.put(`${HASH}/master.m3u8`, Buffer.from('#EXTM3U\n'));
		await store.put(`${HASH}/chapters.json`, Buffer.from('{}'));
		await store.put(`${HASH}/transcript.vtt`, Buffer.from('WEBVTT\n'));
		await store.put('.tmp-x/episode.mp3', body);
	});
	afterAll(async () => {
		restore();
		await s3?.close();
	});

	it('serves whole files with type, length, ETag and immutable caching', async () => {
		const r = await get(`${HASH}/episode.mp3`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('audio/mpeg');
		expect(r.headers.get('content-length')).toBe('1000');
		expect(r.headers.get('accept-ranges')).toBe('bytes');
		expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(r.headers.get('access-control-allow-origin')).toBeNull();
		expect(Buffer.from(await r.arrayBuffer())).toEqual(body);
		expect((await get(`${HASH}/master.m3u8`)).headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
		expect((await get(`${HASH}/64k/seg_0000.m4s`)).headers.get('content-type')).toBe('audio/mp4');
	});

	it('answers byte ranges with 206 and impossible ones with 416', async () => {
		const r = await get(`${HASH}/episode.mp3`, { range: 'bytes=10-19' });
		expect(r.status).toBe(206);
		expect(r.headers.get('content-range')).toBe('bytes 10-19/1000');
		expect(Buffer.from(await r.arrayBuffer())).toEqual(body.subarray(10, 20));
		const suffix = await get(`${HASH}/episode.mp3`, { range: 'bytes=-5' });
		expect(suffix.headers.get('content-range')).toBe('bytes 995-999/1000');
		expect(Buffer.from(await suffix.arrayBuffer())).toEqual(body.subarray(995));
		const open = await get(`${HASH}/episode.mp3`, { range: 'bytes=990-' });
		expect(open.headers.get('content-length')).toBe('10');
		expect((await open.arrayBuffer()).byteLength).toBe(10);
		const past = await get(`${HASH}/episode.mp3`, { range: 'bytes=1000-' });
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe('bytes */1000');
		// If-Range with another validator: the whole (changed) file
		expect((await get(`${HASH}/episode.mp3`, { range: 'bytes=0-1', 'if-range': '"old"' })).status).toBe(200);
	});

	it('answers If-None-Match with 304 and HEAD without a body', async () => {
		const etag = (await get(`${HASH}/episode.mp3`)).headers.get('etag')!;
		expect((await get(`${HASH}/episode.mp3`, { 'if-none-match': etag })).status).toBe(304);
		const head = await get(`${HASH}/episode.mp3`, {}, 'HEAD');
		expect(head.headers.get('content-length')).toBe('1000');
		expect(head.body).toBeNull();
	});

	it('allows any origin for transcripts and chapters', async () => {
		expect((await get(`${HASH}/transcript.vtt`)).headers.get('access-control-allow-origin')).toBe('*');
		expect((await get(`${HASH}/chapters.json`)).headers.get('access-control-allow-origin')).toBe('*');
	});

	it('never leaves the store and never shows work folders', async () => {
		for (const bad of ['../secret.mp3', `${HASH}/../../secret.mp3`, '%2e%2e/secret.mp3', '%2E%2E%2Fsecret.mp3', '/etc/passwd', path.join(path.dirname(config.mediaDir), 'secret.mp3'), '.tmp-x/episode.mp3', `${HASH}\\..\\..\\secret.mp3`, `${HASH}/episode.mp3\0.mp3`, `${HASH}/nothing.mp3`, `${HASH}/64k`, `${HASH}/`, 'x.db']) {
			expect((await get(bad)).status, bad).toBe(404);
		}
	});

	it('sends players to MEDIA_PUBLIC_URL when a bucket or CDN serves the files', async () => {
		process.env.MEDIA_PUBLIC_URL = 'https://cdn.example.org/mitsprache/';
		try {
			const r = await get(`${HASH}/master.m3u8`);
			expect(r.status).toBe(302);
			expect(r.headers.get('location')).toBe(`https://cdn.example.org/mitsprache/${HASH}/master.m3u8`);
			expect((await get('../secret.mp3')).status).toBe(404);
		} finally {
			delete process.env.MEDIA_PUBLIC_URL;
		}
	});
});

describe('the local store', () => {
	it('follows no symlink out of MEDIA_DIR', async () => {
		const outside = path.join(path.dirname(config.mediaDir), 'secret.mp3');
		fs.writeFileSync(outside, 'secret');
		fs.mkdirSync(path.join(config.mediaDir, HASH), { recursive: true });
		fs.symlinkSync(outside, path.join(config.mediaDir, HASH, 'link.mp3'));
		fs.symlinkSync(path.dirname(config.mediaDir), path.join(config.mediaDir, 'updir'));
		for (const bad of [`${HASH}/link.mp3`, 'updir/secret.mp3', outside]) {
			expect(resolveMediaPath(bad), bad).toBeNull();
			expect((await get(bad)).status, bad).toBe(404);
		}
	});
});
