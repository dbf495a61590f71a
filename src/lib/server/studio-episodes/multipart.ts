// The audio upload without JavaScript: a multipart/form-data body parsed while it streams in (busboy), the one
// file part written to a server-named file (never the client's file name), never held in memory, cut at the limit.
import busboy from 'busboy';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { config } from '../config';
import { newId } from '../ids';
import { uploadDir, type Received } from './upload';

export type MultipartReceived = Received | { ok: false; reason: 'invalid' };

export interface MultipartOptions {
	/** the form field that carries the file; other parts are discarded */
	field: string;
	maxBytes?: number;
	dir?: string;
	/** the declared body is already too large: read and discard it, write nothing */
	refuse?: boolean;
}

/**
 * How much of an over-limit body is read (and thrown away) so the browser, which is still sending, gets to see
 * the answer: a server that stops reading makes the kernel reset the connection and the browser shows a network
 * error instead of the translated reason. Past this, the connection is cut.
 */
export function drainLimit(maxBytes: number): number {
	return maxBytes + Math.min(maxBytes, 64 * 1024 * 1024) + 64 * 1024;
}

export async function receiveMultipart(contentType: string, body: ReadableStream<Uint8Array> | null, opts: MultipartOptions): Promise<MultipartReceived> {
	const maxBytes = opts.maxBytes ?? config.maxUploadMb * 1024 * 1024;
	const dir = opts.dir ?? uploadDir();
	if (!body) return { ok: false, reason: 'empty' };
	let bb: busboy.Busboy;
	try {
		bb = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fileSize: maxBytes, fields: 20, fieldSize: 4096, parts: 25 } });
	} catch {
		return { ok: false, reason: 'invalid' };
	}
	fs.mkdirSync(dir, { recursive: true });
	let file: string | null = null;
	let bytes = 0;
	let tooLarge = !!opts.refuse;
	let broken = false;
	let active: Readable | null = null;
	const writes: Promise<void>[] = [];
	bb.on('file', (name, stream) => {
		if (name !== opts.field || file || opts.refuse) {
			stream.resume();
			return;
		}
		file = path.join(dir, `${newId()}.upload`);
		active = stream;
		stream.on('data', (c: Buffer) => (bytes += c.length));
		// busboy stops passing data on at fileSize and says so; the rest of the part is discarded
		stream.on('limit', () => (tooLarge = true));
		writes.push(pipeline(stream, fs.createWriteStream(file, { flags: 'wx' })).catch(() => void (broken = true)));
	});
	const parsed = new Promise<void>((resolve, reject) => {
		bb.on('close', resolve);
		bb.on('error', reject);
	});
	parsed.catch(() => undefined);

	const reader = body.getReader();
	const cap = drainLimit(maxBytes);
	let read = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			read += value.byteLength;
			if (read > cap) {
				tooLarge = true;
				break;
			}
			// wait until busboy (and through it the file on disk) has taken the chunk: back-pressure
			await Promise.race([new Promise<void>((resolve, reject) => bb.write(value, (err) => (err ? reject(err) : resolve()))), parsed]);
		}
		if (read > cap) {
			await reader.cancel().catch(() => undefined);
			bb.destroy();
			(active as Readable | null)?.destroy();
		} else {
			bb.end();
			await parsed;
		}
	} catch {
		broken = true;
		await reader.cancel().catch(() => undefined);
		bb.destroy();
		// a half-written file part would otherwise wait for data that never comes
		(active as Readable | null)?.destroy();
	}
	await Promise.all(writes);
	const failed = tooLarge ? 'too_large' : broken ? (file ? 'aborted' : 'invalid') : !file || bytes === 0 ? 'empty' : null;
	if (failed) {
		if (file) fs.rmSync(file, { force: true });
		return { ok: false, reason: failed };
	}
	return { ok: true, file: file!, bytes };
}
