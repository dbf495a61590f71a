// Images in lessons: a trainer's upload, checked by its bytes (PNG or JPEG, not by name), re-encoded by ffmpeg at
// most 1600 px wide plus an 800 px copy for phones (which also drops EXIF data such as a phone's GPS position),
// stored under a content-hashed folder in MEDIA_DIR. The file names carry the size, so the Markdown renderer can
// set width, height and srcset from the address alone (see lessonImageAttrs in $lib/content/markdown).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { config } from '../config';
import { imageInfo } from '../media/image-size';
import { ffmpegBin, IMAGE_INPUT, run } from '../media/ffmpeg';
import { newId } from '../ids';
import { LESSON_IMAGE_WIDTHS, lessonImageName } from '../../content/lesson-image';

/** The largest upload accepted (a phone photo is 3–8 MB). */
export const MAX_LESSON_IMAGE_MB = 15;
/** Decoding a larger picture would take more memory than a lesson image is worth. */
const MAX_PIXELS = 50_000_000;

export type LessonImageResult =
	| { ok: true; src: string; markdown: string; width: number; height: number }
	| { ok: false; reason: 'not_image' | 'too_large' | 'alt_missing' | 'failed' };

/** `![alt](src)` with the characters that would end the alt text or the address escaped. */
export function imageMarkdown(alt: string, src: string): string {
	const clean = alt.replace(/\s+/g, ' ').trim().replace(/([\\[\]])/g, '\\$1');
	return `![${clean}](${src})`;
}

/** Checks, resizes and stores one image; nothing is written unless every step succeeded. */
export async function storeLessonImage(bytes: Uint8Array, altText: string): Promise<LessonImageResult> {
	const alt = altText.replace(/\s+/g, ' ').trim();
	if (bytes.length > MAX_LESSON_IMAGE_MB * 1024 * 1024) return { ok: false, reason: 'too_large' };
	const info = imageInfo(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
	if (!info || info.width < 1 || info.height < 1) return { ok: false, reason: 'not_image' };
	if (info.width * info.height > MAX_PIXELS) return { ok: false, reason: 'too_large' };
	if (!alt) return { ok: false, reason: 'alt_missing' };

	const ext = info.type === 'image/png' ? 'png' : 'jpg';
	const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 32);
	const folder = path.join(config.mediaDir, hash);
	const [large, small] = LESSON_IMAGE_WIDTHS;
	const size = (w: number) => (info.width <= w ? { w: info.width, h: info.height } : { w, h: Math.max(1, Math.round((info.height * w) / info.width)) });
	const big = size(large);
	const name = lessonImageName(big.w, big.h, ext);
	const src = `/media/${hash}/${name}`;
	const done = { ok: true as const, src, markdown: imageMarkdown(alt, src), width: big.w, height: big.h };
	if (fs.existsSync(path.join(folder, name))) return done; // the same picture again

	const work = path.join(config.mediaDir, `.work-img-${newId()}`);
	fs.mkdirSync(work, { recursive: true });
	try {
		const input = path.join(work, `in.${ext}`);
		fs.writeFileSync(input, bytes);
		// the phone copy's height follows from the large one's, exactly as the renderer computes it
		const outputs = [big, ...(big.w > small ? [{ w: small, h: Math.max(1, Math.round((big.h * small) / big.w)) }] : [])];
		for (const o of outputs) {
			const quality = ext === 'jpg' ? ['-q:v', '3'] : [];
			await run(ffmpegBin(), ['-v', 'error', '-nostdin', ...IMAGE_INPUT, '-i', input, '-map_metadata', '-1', '-vf', `scale=${o.w}:${o.h}`, '-frames:v', '1', ...quality, '-y', path.join(work, lessonImageName(o.w, o.h, ext))]);
		}
		fs.rmSync(input);
		fs.mkdirSync(folder, { recursive: true });
		for (const f of fs.readdirSync(work)) fs.renameSync(path.join(work, f), path.join(folder, f));
		return done;
	} catch {
		return { ok: false, reason: 'failed' };
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

/** The editor's "insert an image" form (multipart: `image` file, `alt` text) → the stored image or a reason. */
export async function lessonImageFromForm(request: Request): Promise<LessonImageResult & { alt: string }> {
	const data = await request.formData();
	const file = data.get('image');
	const alt = String(data.get('alt') ?? '').slice(0, 500);
	if (!(file instanceof File) || file.size === 0) return { ok: false, reason: 'not_image', alt };
	if (file.size > MAX_LESSON_IMAGE_MB * 1024 * 1024) return { ok: false, reason: 'too_large', alt };
	return { ...(await storeLessonImage(new Uint8Array(await file.arrayBuffer()), alt)), alt };
}

export const LESSON_IMAGE_MESSAGES = {
	not_image: 'studio_image_not_image',
	too_large: 'studio_image_too_large',
	alt_missing: 'studio_image_alt_missing',
	failed: 'studio_image_failed'
} as const;
