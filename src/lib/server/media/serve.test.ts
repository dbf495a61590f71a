// /media serving: ranges, conditional requests, MIME types, caching, CORS, and no way out of MEDIA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { config } from '../config';
import { resolveMediaPath, serveMediaFile } from './serve';

const HASH = '0123456789abcdef0123456789abcdef';
const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const req = (headers: Record<string, string> = {}, method = 'GET') => new Request('http://x/media/', { method, headers });
const get = (rel: string, headers: Record<string, string> = {}, method = 'GET') => serveMediaFile(req(headers, method), rel);

beforeAll(() => {
	const dir = path.join(config.mediaDir, HASH);
	fs.mkdirSync(path.join(dir, '64k'), { recursive: true });
	fs.writeFileSync(path.join(dir, 'episode.mp3'), body);
	fs.writeFileSync(path.join(dir, '64k', 'seg_0000.m4s'), body);
	fs.writeFileSync(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
	fs.writeFileSync(path.join(dir, 'chapters.json'), '{}');
	fs.writeFileSync(path.join(dir, 'transcript.vtt'), 'WEBVTT\n');
	fs.mkdirSync(path.join(config.mediaDir, '.tmp-x'), { recursive: true });
	fs.writeFileSync(path.join(config.mediaDir, '.tmp-x', 'episode.mp3'), body);
	// a secret outside the media folder, and a symlink inside that points at it
	const outside = path.join(path.dirname(config.mediaDir), 'secret.mp3');
	fs.writeFileSync(outside, 'secret');
	fs.symlinkSync(outside, path.join(dir, 'link.mp3'));
	fs.symlinkSync(path.dirname(config.mediaDir), path.join(config.mediaDir, 'updir'));
});

describe('serveMediaFile', () => {
	it('serves whole files with type, length, ETag and immutable caching', async () => {
		const r = get(`${HASH}/episode.mp3`);
		expect(r.status).toBe(200);
		expect(r.headers.get('content-type')).toBe('audio/mpeg');
		expect(r.headers.get('content-length')).toBe('1000');
		expect(r.headers.get('accept-ranges')).toBe('bytes');
		expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
		expect(r.headers.get('access-control-allow-origin')).toBeNull();
		expect(Buffer.from(await r.arrayBuffer())).toEqual(body);
		expect(get(`${HASH}/master.m3u8`).headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
		expect(get(`${HASH}/64k/seg_0000.m4s`).headers.get('content-type')).toBe('audio/mp4');
	});

	it('answers byte ranges with 206 and impossible ones with 416', async () => {
		const r = get(`${HASH}/episode.mp3`, { range: 'bytes=10-19' });
		expect(r.status).toBe(206);
		expect(r.headers.get('content-range')).toBe('bytes 10-19/1000');
		expect(Buffer.from(await r.arrayBuffer())).toEqual(body.subarray(10, 20));
		const suffix = get(`${HASH}/episode.mp3`, { range: 'bytes=-5' });
		expect(suffix.headers.get('content-range')).toBe('bytes 995-999/1000');
		expect((await suffix.arrayBuffer()).byteLength).toBe(5);
		const open = get(`${HASH}/episode.mp3`, { range: 'bytes=990-' });
		expect(open.headers.get('content-length')).toBe('10');
		const past = get(`${HASH}/episode.mp3`, { range: 'bytes=1000-' });
		expect(past.status).toBe(416);
		expect(past.headers.get('content-range')).toBe('bytes */1000');
		// If-Range with another validator: the whole (changed) file
		expect(get(`${HASH}/episode.mp3`, { range: 'bytes=0-1', 'if-range': '"old"' }).status).toBe(200);
	});

	it('answers If-None-Match with 304 and HEAD without a body', async () => {
		const etag = get(`${HASH}/episode.mp3`).headers.get('etag')!;
		expect(get(`${HASH}/episode.mp3`, { 'if-none-match': etag }).status).toBe(304);
		const head = get(`${HASH}/episode.mp3`, {}, 'HEAD');
		expect(head.headers.get('content-length')).toBe('1000');
		expect(head.body).toBeNull();
	});

	it('allows any origin for transcripts and chapters', () => {
		expect(get(`${HASH}/transcript.vtt`).headers.get('access-control-allow-origin')).toBe('*');
		expect(get(`${HASH}/chapters.json`).headers.get('access-control-allow-origin')).toBe('*');
	});

	it('never leaves MEDIA_DIR', () => {
		for (const bad of ['../secret.mp3', `${HASH}/../../secret.mp3`, '%2e%2e/secret.mp3', '%2E%2E%2Fsecret.mp3', '/etc/passwd', path.join(path.dirname(config.mediaDir), 'secret.mp3'), `${HASH}/link.mp3`, 'updir/secret.mp3', '.tmp-x/episode.mp3', `${HASH}\\..\\..\\secret.mp3`, `${HASH}/episode.mp3\0.mp3`, `${HASH}/nothing.mp3`, `${HASH}/64k`, `${HASH}/`, 'x.db']) {
			expect(resolveMediaPath(bad), bad).toBeNull();
			expect(get(bad).status, bad).toBe(404);
		}
	});
});
