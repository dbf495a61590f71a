// The media store in a local folder (MEDIA_DIR): what the site did before there was a choice.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { MediaStore, PutOptions, StoredObject } from './index';
import { mediaKey } from './keys';

export class LocalStore implements MediaStore {
	readonly kind = 'local';
	constructor(readonly root: string) {}

	/** The real file for a key, or null when it is not a file inside the folder (symlinks out are refused). */
	resolve(rel: string): string | null {
		const key = mediaKey(rel);
		if (!key) return null;
		const base = path.resolve(this.root);
		const file = path.resolve(base, ...key.split('/'));
		if (!file.startsWith(base + path.sep)) return null;
		try {
			const real = fs.realpathSync(file);
			const realBase = fs.realpathSync(base);
			if (!real.startsWith(realBase + path.sep)) return null;
			if (!fs.statSync(real).isFile()) return null;
			return real;
		} catch {
			return null;
		}
	}

	async stat(key: string): Promise<StoredObject | null> {
		const file = this.resolve(key);
		if (!file) return null;
		const st = fs.statSync(file);
		return { size: st.size, mtime: st.mtime, etag: `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"` };
	}

	async read(key: string, start: number, end: number): Promise<ReadableStream<Uint8Array>> {
		const file = this.resolve(key);
		if (!file) throw new Error(`not found: ${key}`);
		return Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
	}

	private target(key: string): string {
		const file = path.resolve(this.root, ...key.split('/'));
		if (!file.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`bad media key: ${key}`);
		return file;
	}

	/** Written under a temporary name first, then renamed: a reader never sees half a file. */
	#writeAtomically(key: string, write: (tmp: string) => void) {
		const file = this.target(key);
		fs.mkdirSync(path.dirname(file), { recursive: true });
		const tmp = `${file}.${process.pid}.tmp`;
		write(tmp);
		fs.renameSync(tmp, file);
	}

	async put(key: string, body: Uint8Array, _opts?: PutOptions): Promise<void> {
		this.#writeAtomically(key, (tmp) => fs.writeFileSync(tmp, body));
	}

	async putFile(key: string, src: string, _opts?: PutOptions): Promise<void> {
		this.#writeAtomically(key, (tmp) => fs.copyFileSync(src, tmp));
	}

	async publishDir(localDir: string, prefix: string): Promise<void> {
		const finalDir = this.target(prefix);
		fs.mkdirSync(path.dirname(finalDir), { recursive: true });
		// the same package built twice (two instances): the first one stays
		if (fs.existsSync(finalDir)) fs.rmSync(localDir, { recursive: true, force: true });
		else fs.renameSync(localDir, finalDir);
	}

	async localCopy(key: string): Promise<string | null> {
		return this.resolve(key);
	}

	close(): void {}

	async check(): Promise<void> {
		fs.mkdirSync(this.root, { recursive: true });
		fs.accessSync(this.root, fs.constants.W_OK);
	}
}
