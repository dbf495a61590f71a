// `npm run media:migrate`: copies a local media folder into the bucket and checks every object afterwards (size and
// SHA-256 of the bytes read back). Work folders (.uploads, .tmp-*, .work-*) stay behind; playlists go last.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { mediaKey } from './keys';
import { publishOrder, walk, type S3Store } from './s3';

export interface MigrateReport {
	copied: string[];
	/** already in the bucket with the same bytes */
	unchanged: string[];
	/** files that may not be served (work folders, unknown types): not copied */
	skipped: string[];
	/** objects whose bytes read back differ from the file */
	failed: { key: string; reason: string }[];
}

const EMPTY = createHash('sha256').digest('hex');

function fileSha(file: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const h = createHash('sha256');
		fs.createReadStream(file).on('data', (d) => h.update(d)).on('error', reject).on('end', () => resolve(h.digest('hex')));
	});
}

async function readBack(store: S3Store, key: string, size: number): Promise<string | null> {
	const st = await store.stat(key);
	if (!st || st.size !== size) return null;
	if (size === 0) return EMPTY;
	const h = createHash('sha256');
	const reader = (await store.read(key, 0, size - 1)).getReader();
	for (let r = await reader.read(); !r.done; r = await reader.read()) h.update(r.value);
	return h.digest('hex');
}

export async function migrateFolder(dir: string, store: S3Store, onProgress?: (key: string, state: string) => void): Promise<MigrateReport> {
	const report: MigrateReport = { copied: [], unchanged: [], skipped: [], failed: [] };
	const files = walk(dir).sort(publishOrder);
	for (const key of files) {
		if (!mediaKey(key)) {
			report.skipped.push(key);
			continue;
		}
		const file = path.join(dir, ...key.split('/'));
		const size = fs.statSync(file).size;
		const want = await fileSha(file);
		if ((await readBack(store, key, size)) === want) {
			report.unchanged.push(key);
			onProgress?.(key, 'unchanged');
			continue;
		}
		await store.putFile(key, file);
		const got = await readBack(store, key, size);
		if (got === want) {
			report.copied.push(key);
			onProgress?.(key, 'copied');
		} else {
			report.failed.push({ key, reason: got === null ? 'missing or wrong size after upload' : 'bytes differ after upload' });
			onProgress?.(key, 'FAILED');
		}
	}
	return report;
}
