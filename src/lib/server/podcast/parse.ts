// Parses and validates show.md and episode.md front matter; every problem names its file and line.
import { z } from 'zod';
import { ContentError, parseFrontMatter } from '../../content/frontmatter';
import { EPISODE_TYPES } from '../db/schema/podcast';
import { nameField, UNSAFE_TEXT_REASON } from '../../validation/names';

export interface ContentProblem {
	file: string;
	line: number;
	reason: string;
}

/** "MM:SS", "HH:MM:SS" (optionally with .mmm) or a number of seconds → seconds; null when malformed. */
export function parseTimestamp(v: unknown): number | null {
	if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? v : null;
	if (typeof v !== 'string') return null;
	const m = /^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$/.exec(v.trim());
	if (!m) return null;
	const [h, min, s] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3])];
	if (s >= 60 || (m[1] !== undefined && min >= 60)) return null;
	return h * 3600 + min * 60 + s;
}

const bool = z.boolean().default(false);
const nonEmpty = z.string().trim().min(1, 'must not be empty');
/** titles and names: the same check as every form (no controls, no bidi overrides; NFC) */
const name = nameField({ min: 1, max: 1000, lengthKey: 'must not be empty', maxKey: 'is too long', unsafeKey: UNSAFE_TEXT_REASON });

const showSchema = z.object({
	title: name,
	description: nonEmpty,
	author: name,
	owner_name: name,
	owner_email: z.string().trim().email('must be an email address'),
	language: z.string().trim().regex(/^[a-z]{2}(-[A-Za-z]{2})?$/, 'must be a language code like "de"').default('de'),
	category: nonEmpty,
	subcategory: z.string().trim().min(1).optional(),
	explicit: bool,
	image: z.string().trim().regex(/^[\w.-]+\.(png|jpe?g)$/i, 'must be a PNG or JPEG file name beside show.md'),
	link: z.string().trim().url('must be a URL').optional(),
	demo: bool
});
export type ShowMeta = z.infer<typeof showSchema> & { body: string };

const guestSchema = z.object({ name, role: z.string().trim().default(''), bio: z.string().trim().default('') });
const chapterSchema = z.object({ start: z.union([z.string(), z.number()]), title: name });
const episodeSchema = z.object({
	title: name,
	date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d.trim())).pipe(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')),
	season: z.number().int().min(1).default(1),
	number: z.number().int().min(0),
	type: z.enum(EPISODE_TYPES).default('full'),
	explicit: bool,
	summary: z.string().trim().default(''),
	guests: z.array(guestSchema).default([]),
	chapters: z.array(chapterSchema).default([]),
	audio: z.string().trim().regex(/^[^/\\]+$/, 'must be a file name in the episode folder').optional(),
	demo: bool
});
export interface EpisodeMeta extends Omit<z.infer<typeof episodeSchema>, 'chapters'> {
	chapters: { start: number; title: string }[];
	body: string;
}

/** The 1-based line of `key:` in the front matter (or of the nth list item below it), for error messages. */
function lineOf(src: string, path: (string | number | symbol)[]): number {
	const lines = src.split(/\r?\n/);
	const key = String(path[0] ?? '');
	let at = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
	if (at === -1) return 1;
	if (typeof path[1] === 'number') {
		let seen = -1;
		for (let i = at + 1; i < lines.length && !/^\S/.test(lines[i]); i++) {
			if (/^\s*-\s/.test(lines[i]) && ++seen === path[1]) return i + 1;
		}
	}
	return at + 1;
}

function validate<T>(schema: z.ZodType<T>, src: string, file: string, problems: ContentProblem[]): { data: T; body: string; bodyLine: number } | null {
	let fm;
	try {
		fm = parseFrontMatter(src);
	} catch (err) {
		problems.push({ file, line: err instanceof ContentError ? err.line : 1, reason: (err as Error).message });
		return null;
	}
	const r = schema.safeParse(fm.data);
	if (!r.success) {
		for (const issue of r.error.issues) {
			problems.push({ file, line: lineOf(src, issue.path), reason: `${issue.path.join('.') || 'front matter'}: ${issue.message}` });
		}
		return null;
	}
	return { data: r.data, body: fm.body, bodyLine: fm.bodyLine };
}

export function parseShow(src: string, file: string, problems: ContentProblem[]): ShowMeta | null {
	const r = validate(showSchema, src, file, problems);
	return r ? { ...r.data, body: r.body } : null;
}

export function parseEpisode(src: string, file: string, problems: ContentProblem[]): EpisodeMeta | null {
	const r = validate(episodeSchema, src, file, problems);
	if (!r) return null;
	const chapters: EpisodeMeta['chapters'] = [];
	let ok = true;
	r.data.chapters.forEach((c, i) => {
		const start = parseTimestamp(c.start);
		const line = lineOf(src, ['chapters', i]);
		if (start === null) {
			problems.push({ file, line, reason: `chapters.${i}.start: "${c.start}" is not a time like 12:34 or 01:02:03` });
			ok = false;
		} else if (chapters.length && start <= chapters[chapters.length - 1].start) {
			problems.push({ file, line, reason: `chapters.${i}: chapters must be in order of their start time` });
			ok = false;
		} else chapters.push({ start, title: c.title });
	});
	if (!ok) return null;
	return { ...r.data, chapters, body: r.body };
}
