import { describe, expect, it } from 'vitest';
import { actionName, bodyLimit, linger, MAX_BODY_BYTES, MAX_ZIP_FORM_BYTES, parsesAsForm, readLimited } from './body';

function stream(chunks: number, size: number) {
	let sent = 0;
	return {
		pulled: () => sent,
		body: new ReadableStream<Uint8Array>({
			pull(c) {
				if (sent === chunks) return c.close();
				sent++;
				c.enqueue(new Uint8Array(size));
			}
		})
	};
}

describe('request bodies', () => {
	it('only the audio uploads stream their bodies; the course zip has its own limit; every other route 1 MB', () => {
		const u = (s: string) => new URL(s, 'http://localhost');
		expect(bodyLimit('/studio/episodes/[slug]/upload', u('/studio/episodes/a/upload'))).toBeNull();
		expect(bodyLimit('/studio/episodes/[slug]', u('/studio/episodes/a?/upload'))).toBeNull();
		expect(bodyLimit('/studio/courses/upload', u('/studio/courses/upload'))).toBe(MAX_ZIP_FORM_BYTES);
		// SvelteKit runs the FIRST named action: "?/save&/upload" is the save action, bounded like any form
		expect(bodyLimit('/studio/episodes/[slug]', u('/studio/episodes/a?/save&/upload'))).toBe(MAX_BODY_BYTES);
		// a course or lesson whose slug starts with "upload" is no upload route
		expect(bodyLimit('/studio/courses/[course]', u('/studio/courses/upload-guide?/rename'))).toBe(MAX_BODY_BYTES);
		expect(bodyLimit('/login', u('/login?/upload'))).toBe(MAX_BODY_BYTES);
		expect(bodyLimit(null, u('/nowhere'))).toBe(MAX_BODY_BYTES);
		expect(actionName(u('/x?a=1&/save'))).toBe('save');
		expect(actionName(u('/x'))).toBeNull();
	});

	it('stops reading as soon as the limit is passed, then reads and discards at most the linger allowance', async () => {
		const s = stream(1000, 64 * 1024);
		const reader = s.body.getReader();
		expect(await readLimited(reader, MAX_BODY_BYTES)).toEqual({ ok: false, reason: 'too_large' });
		expect(s.pulled()).toBeLessThan(20);
		const started = Date.now();
		await linger(reader, { bytes: 2 * 1024 * 1024, ms: 300 });
		expect(s.pulled()).toBeLessThan(20 + 40);
		// past the allowance nothing more is read, but the connection stays open until the time is up
		expect(Date.now() - started).toBeGreaterThanOrEqual(250);
		const small = await readLimited(stream(3, 1000).body.getReader(), MAX_BODY_BYTES);
		expect(small.ok && small.bytes.byteLength).toBe(3000);
	});

	it('lingers no longer than its time allowance on a client that stalls', async () => {
		const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined) });
		const started = Date.now();
		await linger(stalled.getReader(), { bytes: 1024, ms: 200 });
		expect(Date.now() - started).toBeLessThan(2000);
	});

	it('tells which form bodies FormData cannot read', async () => {
		const body = (s: string) => new TextEncoder().encode(s);
		expect(await parsesAsForm('application/x-www-form-urlencoded', body('a=1&b=%C3%A4'))).toBe(true);
		expect(await parsesAsForm('multipart/form-data; boundary=x', body('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'))).toBe(true);
		expect(await parsesAsForm('multipart/form-data', body('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n'))).toBe(false);
		expect(await parsesAsForm('multipart/form-data; boundary=x', body('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'))).toBe(false);
		expect(await parsesAsForm('text/plain', body('a=1'))).toBe(false);
	});
});
