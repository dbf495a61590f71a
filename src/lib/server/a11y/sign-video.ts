// The German Sign Language (DGS) video the operator supplies for the start page (BITV 2.0 § 4): a file named by
// DGS_VIDEO (absolute, or relative to MEDIA_DIR), captions optionally by DGS_VIDEO_CAPTIONS. Without it the pages say so.
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';

const TYPES: Record<string, string> = { '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.webm': 'video/webm', '.ogv': 'video/ogg', '.vtt': 'text/vtt; charset=utf-8' };

export interface SignFile {
	file: string;
	type: string;
	/** changes with the file, so a replaced video is not served from a browser's cache */
	version: string;
}

function resolve(envName: string, allowed: string[]): SignFile | null {
	const raw = (process.env[envName] ?? '').trim();
	if (!raw) return null;
	const file = path.isAbsolute(raw) ? raw : path.resolve(config.mediaDir, raw);
	const ext = path.extname(file).toLowerCase();
	if (!allowed.includes(ext)) return null;
	try {
		const stat = fs.statSync(file);
		if (!stat.isFile() || stat.size === 0) return null;
		return { file, type: TYPES[ext], version: `${stat.size.toString(16)}${Math.floor(stat.mtimeMs).toString(16)}` };
	} catch {
		return null;
	}
}

export function signVideo(): SignFile | null {
	return resolve('DGS_VIDEO', ['.mp4', '.m4v', '.webm', '.ogv']);
}

export function signCaptions(): SignFile | null {
	return signVideo() ? resolve('DGS_VIDEO_CAPTIONS', ['.vtt']) : null;
}

/** What the pages need to show the video, or null when there is none. */
export function signVideoForPage(): { src: string; type: string; captions: string | null } | null {
	const v = signVideo();
	if (!v) return null;
	const c = signCaptions();
	return { src: `/gebaerdensprache/video?v=${v.version}`, type: v.type, captions: c ? `/gebaerdensprache/captions?v=${c.version}` : null };
}
