// Upload streaming with real files: limits, cut-off, partial files removed, server-chosen names.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { receiveUpload } from './upload';

const dir = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'upload-'));

/** A body of `chunks` × `size` bytes, produced lazily like a network stream. */
function body(chunks: number, size: number) {
	let sent = 0;
	let pulled = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(c) {
			pulled++;
			if (sent >= chunks) return c.close();
			sent++;
			c.enqueue(new Uint8Array(size).fill(sent % 256));
		}
	});
	return { stream, pulled: () => pulled };
}

describe('receiveUpload', () => {
	it('streams the body to a file named by the server', async () => {
		const d = dir();
		const r = await receiveUpload(body(10, 64 * 1024).stream, 1024 * 1024, d);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.bytes).toBe(640 * 1024);
		expect(fs.statSync(r.file).size).toBe(640 * 1024);
		expect(path.dirname(r.file)).toBe(d);
		expect(path.basename(r.file)).toMatch(/^[a-z0-9]+\.upload$/);
	});

	it('stops reading past the limit, reports too_large and removes the partial file', async () => {
		const d = dir();
		const b = body(1000, 64 * 1024); // 64 MB offered, 1 MB allowed
		const r = await receiveUpload(b.stream, 1024 * 1024, d);
		expect(r).toEqual({ ok: false, reason: 'too_large' });
		expect(fs.readdirSync(d)).toEqual([]);
		// it stopped soon after the limit instead of draining the whole body
		expect(b.pulled()).toBeLessThan(30);
	});

	it('removes the partial file when the client aborts, and refuses an empty body', async () => {
		const d = dir();
		let n = 0;
		const broken = new ReadableStream<Uint8Array>({
			pull(c) {
				if (n++ < 3) c.enqueue(new Uint8Array(1000));
				else c.error(new Error('connection reset'));
			}
		});
		expect(await receiveUpload(broken, 1024 * 1024, d)).toEqual({ ok: false, reason: 'aborted' });
		expect(await receiveUpload(body(0, 1).stream, 1024 * 1024, d)).toEqual({ ok: false, reason: 'empty' });
		expect(await receiveUpload(null, 1024 * 1024, d)).toEqual({ ok: false, reason: 'empty' });
		expect(fs.readdirSync(d)).toEqual([]);
	});
});
