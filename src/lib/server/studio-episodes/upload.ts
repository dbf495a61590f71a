// Receives an upload body by streaming it to a file the server names under MEDIA_DIR/.uploads:
// never held in memory, never named after the client's file name; cut off and removed when too large.
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { newId } from '../ids';
import { uploadDir } from '../media/sources';

export type Received = { ok: true; file: string; bytes: number } | { ok: false; reason: 'too_large' | 'empty' | 'aborted' };

/** MEDIA_DIR/.uploads (media/sources.ts decides when a file there goes) */
export { uploadDir };

/** Streams `body` to a new file; at most `maxBytes`. On any failure the partial file is deleted. */
export async function receiveUpload(body: ReadableStream<Uint8Array> | null, maxBytes = config.maxUploadMb * 1024 * 1024, dir = uploadDir()): Promise<Received> {
	if (!body) return { ok: false, reason: 'empty' };
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, `${newId()}.upload`);
	const out = fs.createWriteStream(file, { flags: 'wx' });
	const closed = new Promise<void>((resolve, reject) => {
		out.on('close', resolve);
		out.on('error', reject);
	});
	let bytes = 0;
	let reason: 'too_large' | 'aborted' | null = null;
	const reader = body.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			bytes += value.byteLength;
			if (bytes > maxBytes) {
				reason = 'too_large';
				break;
			}
			// respect back-pressure: wait for the disk when its buffer is full
			if (!out.write(value)) await new Promise<void>((r) => out.once('drain', () => r()));
		}
	} catch {
		reason = 'aborted';
	}
	if (reason) await reader.cancel().catch(() => undefined);
	out.end();
	await closed.catch(() => undefined);
	if (reason || bytes === 0) {
		fs.rmSync(file, { force: true });
		return { ok: false, reason: reason ?? 'empty' };
	}
	return { ok: true, file, bytes };
}
