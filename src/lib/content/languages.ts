// The languages a lesson can be written in, and which version of a lesson a learner gets. No server code here:
// the lesson page's components name the versions with it too.

/** Variant tags: Leichte Sprache (private-use tag; `de-ls` would be German as spoken in Lesotho) and the interface languages. */
export const VARIANT_TAGS = ['de-x-ls', 'de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru'] as const;
export type VariantTag = (typeof VARIANT_TAGS)[number];
/** Languages a course (the original of every lesson) may be written in. */
export type ContentLang = 'de' | 'en';
export const PLAIN = 'de-x-ls';

export function isVariantTag(v: unknown): v is VariantTag {
	return typeof v === 'string' && (VARIANT_TAGS as readonly string[]).includes(v);
}

/** Each version named in itself, as a language switch should name it. */
export const ENDONYMS: Record<VariantTag, string> = {
	'de-x-ls': 'Leichte Sprache',
	de: 'Deutsch',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	tr: 'Türkçe',
	uk: 'Українська',
	ru: 'Русский'
};

export function isRtl(tag: string): boolean {
	return tag === 'ar' || tag === 'fa';
}

/** `lang` and `dir` for the element that holds a version's text. */
export function langAttrs(tag: string): { lang: string; dir: 'rtl' | 'ltr' } {
	return { lang: tag, dir: isRtl(tag) ? 'rtl' : 'ltr' };
}

/** The variant tags a course in `original` may have (every tag but the original's own language). */
export function variantTagsFor(original: ContentLang): VariantTag[] {
	return VARIANT_TAGS.filter((t) => t !== original);
}

/** The language whose rules (callout titles, footnote labels) a version's text is rendered with. */
export function renderLang(tag: string): VariantTag {
	return tag === PLAIN ? 'de' : isVariantTag(tag) ? tag : 'de';
}

export type LessonFileName =
	| { ok: true; position: number; slug: string; base: string; tag: VariantTag | null }
	| { ok: false; reason: string };

const FILE_RE = /^(\d+)-([a-z0-9][a-z0-9-]*?)(?:\.([A-Za-z0-9_-]+))?\.md$/;

/**
 * `03-rederecht.md` → the lesson; `03-rederecht.ar.md` → its Arabic variant (`base` names the original's file).
 * Unknown or misspelt tags say what to write instead.
 */
export function parseLessonFileName(name: string): LessonFileName {
	const m = FILE_RE.exec(name);
	if (!m) return { ok: false, reason: 'lesson file names look like "03-lesson-slug.md" (number, dash, lower-case letters, digits and dashes)' };
	const base = `${m[1]}-${m[2]}.md`;
	const raw = m[3];
	if (raw === undefined) return { ok: true, position: Number(m[1]), slug: m[2], base, tag: null };
	const tag = raw.toLowerCase();
	if (tag === 'de-ls' || tag === 'ls' || tag === 'de-ls-x' || tag === 'de_ls') {
		return { ok: false, reason: `"${raw}" is not the tag for Leichte Sprache: name the file "${m[1]}-${m[2]}.de-x-ls.md" ("de-ls" would mean German as spoken in Lesotho)` };
	}
	if (!isVariantTag(tag) || tag !== raw) {
		return { ok: false, reason: `unknown language tag "${raw}": a variant's file name ends in .${VARIANT_TAGS.join('.md, .')}.md` };
	}
	return { ok: true, position: Number(m[1]), slug: m[2], base, tag };
}

export interface VersionChoice {
	/** the tag shown: a variant's, or the original's language */
	tag: string;
	variant: boolean;
	/** what the learner asked for and the lesson does not have (then the page says so), else null */
	missing: string | null;
}

/**
 * Which version of a lesson a learner sees: an explicit choice (`?variant=`) when the lesson has it; else Leichte
 * Sprache when they asked for it and it exists; else their interface language; else the original. `missing` is the
 * first wish the lesson could not meet.
 */
export function chooseVersion(opts: { original: string; available: readonly string[]; explicit?: string | null; locale: string; plain: boolean }): VersionChoice {
	const has = (t: string) => t === opts.original || opts.available.includes(t);
	const pick = (t: string): VersionChoice => ({ tag: t, variant: t !== opts.original, missing: null });
	if (opts.explicit && isVariantTag(opts.explicit)) {
		if (has(opts.explicit)) return pick(opts.explicit);
		return { ...pick(opts.original), missing: opts.explicit };
	}
	const wishes = opts.plain ? [PLAIN, opts.locale] : [opts.locale];
	for (const w of wishes) if (has(w)) return { ...pick(w), missing: w === wishes[0] ? null : wishes[0] };
	return { ...pick(opts.original), missing: wishes[0] };
}
