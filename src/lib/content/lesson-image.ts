// Lesson images live in MEDIA_DIR under a content-hashed folder, named by their size ("img-1600x900.jpg"), so the
// renderer knows width, height and the phone-sized copy from the address alone. Only such addresses (and other
// images under /media/) survive sanitising: a lesson never loads a picture from another site.

/** The stored widths: the large image and the phone copy (made only when the original is wider). */
export const LESSON_IMAGE_WIDTHS = [1600, 800] as const;

export const lessonImageName = (w: number, h: number, ext: 'png' | 'jpg') => `img-${w}x${h}.${ext}`;

const LESSON_IMAGE = /^\/media\/([0-9a-f]{32})\/img-(\d+)x(\d+)\.(png|jpg)$/;
/** Any image the site itself serves: lesson images and covers under a content-hashed media folder. */
const OWN_IMAGE = /^\/media\/[0-9a-f]{32}\/[a-z0-9][a-z0-9._-]*\.(png|jpe?g)$/i;

export function isOwnImage(src: string): boolean {
	return OWN_IMAGE.test(src);
}

/** width, height and (for a large image) srcset/sizes of a lesson image; {} for any other address. */
export function lessonImageAttrs(src: string): Record<string, string> {
	const m = LESSON_IMAGE.exec(src);
	if (!m) return {};
	const [, hash, w, h, ext] = m;
	const width = Number(w);
	const height = Number(h);
	const small = LESSON_IMAGE_WIDTHS[1];
	if (width <= small) return { width: w, height: h };
	const sh = Math.max(1, Math.round((height * small) / width));
	return {
		width: w,
		height: h,
		srcset: `/media/${hash}/${lessonImageName(small, sh, ext as 'png' | 'jpg')} ${small}w, ${src} ${width}w`,
		sizes: '(max-width: 60rem) 100vw, 60rem'
	};
}
