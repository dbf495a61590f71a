// The no-JS upload parser with real streams and files: the file part lands under a server-chosen name, an
// over-limit part is cut and removed, an over-limit body is drained up to a point and then cut off.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drainLimit, receiveMultipart } from './multipart';

const dir = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'multipart-'));
const BOUNDARY = '----mitsprache-test';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A multipart body with a text field and a file part of `size` bytes, sent in 16 KB chunks. */
function form(size: number, opts: { field?: string; filename?: string } = {}) {
	const head = Buffer.from(
		`--${BOUNDARY}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhallo\r\n` +
			`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${opts.field ?? 'audio'}"; filename="${opts.filename ?? '../../etc/passwd'}"\r\nContent-Type: audio/wav\r\n\r\n`
	);
	const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
	const all = Buffer.concat([head, Buffer.alloc(size, 7), tail]);
	let at = 0;
	let pulled = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(c) {
			pulled += 1;
			if (at >= all.length) return c.close();
			c.enqueue(new Uint8Array(all.subarray(at, at + 16 * 1024)));
			at += 16 * 1024;
		}
	});
	return { stream, length: all.length, pulled: () => pulled };
}

describe('receiveMultipart', () => {
	it('writes the file part to a server-named file, whatever the client called it', async () => {
		const d = dir();
		const r = await receiveMultipart(TYPE, form(300_000).stream, { field: 'audio', maxBytes: 1024 * 1024, dir: d });
		expect(r).toMatchObject({ ok: true, bytes: 300_000 });
		if (!r.ok) return;
		expect(path.dirname(r.file)).toBe(d);
		expect(path.basename(r.file)).toMatch(/^[a-z0-9]+\.upload$/);
		expect(fs.statSync(r.file).size).toBe(300_000);
		expect(fs.readdirSync(d)).toHaveLength(1);
	});

	it('cuts a file part over the limit, removes it, and reads the rest of the body so the browser sees the answer', async () => {
		const d = dir();
		const f = form(1536 * 1024);
		expect(await receiveMultipart(TYPE, f.stream, { field: 'audio', maxBytes: 1024 * 1024, dir: d })).toEqual({ ok: false, reason: 'too_large' });
		expect(fs.readdirSync(d)).toEqual([]);
		expect(f.pulled()).toBeGreaterThan(96); // the whole body, 16 KB at a time
	});

	it('stops reading a body far over the limit instead of draining it', async () => {
		const d = dir();
		const f = form(16 * 1024 * 1024);
		expect(drainLimit(1024 * 1024)).toBeLessThan(3 * 1024 * 1024);
		expect(await receiveMultipart(TYPE, f.stream, { field: 'audio', maxBytes: 1024 * 1024, dir: d })).toEqual({ ok: false, reason: 'too_large' });
		expect(fs.readdirSync(d)).toEqual([]);
		expect(f.pulled()).toBeLessThan(200);
	});

	it('refuses a declared-too-large body without writing, an empty file, a missing field and a broken body', async () => {
		const d = dir();
		expect(await receiveMultipart(TYPE, form(1000).stream, { field: 'audio', maxBytes: 1024 * 1024, dir: d, refuse: true })).toEqual({ ok: false, reason: 'too_large' });
		expect(await receiveMultipart(TYPE, form(0, { filename: '' }).stream, { field: 'audio', maxBytes: 1024, dir: d })).toEqual({ ok: false, reason: 'empty' });
		expect(await receiveMultipart(TYPE, form(100, { field: 'other' }).stream, { field: 'audio', maxBytes: 1024, dir: d })).toEqual({ ok: false, reason: 'empty' });
		expect(await receiveMultipart('text/plain', form(100).stream, { field: 'audio', dir: d })).toEqual({ ok: false, reason: 'invalid' });
		let n = 0;
		const broken = new ReadableStream<Uint8Array>({
			pull(c) {
				if (n++ === 0) c.enqueue(new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="audio"; filename="a.wav"\r\n\r\n` + 'x'.repeat(5000)));
				else c.error(new Error('connection reset'));
			}
		});
		expect(await receiveMultipart(TYPE, broken, { field: 'audio', maxBytes: 1024 * 1024, dir: d })).toEqual({ ok: false, reason: 'aborted' });
		expect(fs.readdirSync(d)).toEqual([]);
	});
});
