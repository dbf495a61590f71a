// Parses the course content format (course.md, module.md, NN-lesson.md) into validated data with file/line errors.
import { createHash } from 'node:crypto';
import { ContentError, parseFrontMatter } from './frontmatter';
import { renderDocument } from './markdown';
import { parseQuiz, type QuizQuestion } from './quiz';
import { cleanName, hasUnsafeChars, UNSAFE_TEXT_REASON } from '../validation/names';
import type { Coded } from './problem';

/** Bump when rendering changes, so the import re-renders unchanged sources. */
export const PARSER_VERSION = 'lesson-v1';

export interface ContentProblem extends Coded {
	file: string;
	line: number;
	reason: string;
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: ContentProblem[] };

export interface CourseMeta {
	title: string;
	summary: string;
	summaryEn: string;
	language: 'de' | 'en';
	level: 'beginner' | 'intermediate' | 'advanced';
	topics: string[];
	hours: number;
	passScore: number;
	/** the quiz policy: default mode of the course's quizzes, graded attempts per 24 h, wait after a failed one (s) */
	quizMode: QuizMode;
	quizAttempts: number;
	quizWait: number;
	certificate: boolean;
	featured: boolean;
	demo: boolean;
	/** front matter `draft: true`: imported unpublished (only owners and admins see it, in the studio) */
	draft: boolean;
	descriptionHtml: string;
	/** `cover:` a JPEG or PNG beside course.md, with its required `cover_alt:`; the scan checks the file */
	cover: { file: string; alt: string; line: number } | null;
	hash: string;
}
export interface ModuleMeta {
	title: string;
	summary: string;
	descriptionHtml: string;
	hash: string;
}
export interface ParsedLesson {
	identity: string;
	slug: string;
	title: string;
	duration: number;
	summaryEn: string;
	episode: string | null;
	/** front matter `quiz:`; null: the course's setting */
	quizMode: QuizMode | null;
	html: string;
	text: string;
	quiz: QuizQuestion[] | null;
	/** file line of each quiz question (not stored: for messages about a variant's quiz) */
	quizLines: number[];
	source: string;
	hash: string;
}

export const SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;
/** graded: counts for the certificate (limited attempts); practice: for learning (see content/README.md "Quiz") */
export type QuizMode = 'graded' | 'practice';
const isQuizMode = (v: unknown): v is QuizMode => v === 'graded' || v === 'practice';
/** `03-rechte-im-ausschuss.md` → { position: 3, slug: 'rechte-im-ausschuss' } */
export function numbered(name: string): { position: number; slug: string } | null {
	const m = /^(\d+)-([a-z0-9][a-z0-9-]*?)(?:\.md)?$/.exec(name);
	return m ? { position: Number(m[1]), slug: m[2] } : null;
}

export function sourceHash(src: string): string {
	return createHash('sha256').update(PARSER_VERSION + '\n' + src).digest('hex');
}

function keyLine(src: string, key: string): number {
	const i = src.split('\n').findIndex((l) => l.startsWith(key + ':'));
	return i < 0 ? 1 : i + 1;
}

type Check = (v: unknown) => boolean;

/** What a front matter field must be: the English words (CLI) under a code the studio translates (`tf_cv_what_<code>`). */
const WHAT = {
	text: 'a text',
	text_de: 'a German text',
	text_en: 'an English text',
	language: '"de" or "en"',
	level: 'beginner, intermediate or advanced',
	topics: 'a list of texts',
	hours: 'a number of hours, e.g. 4.5',
	percent: 'a percentage from 0 to 100',
	quiz: '"graded" or "practice"',
	attempts: 'a whole number from 1 to 20',
	wait: 'a number of seconds from 0 to 3600',
	bool: 'true or false',
	duration: 'the reading time in minutes, e.g. 10',
	id: 'lower-case letters, digits, "-", "_" or "/"',
	episode: 'the slug of a podcast episode',
	quiz_lesson: '"graded" or "practice" (or leave it out: the course decides)'
} as const;
type What = keyof typeof WHAT;
const isStr: Check = (v) => typeof v === 'string' && v.trim().length > 0;

/** Reads front matter, collecting every problem instead of stopping at the first. */
function frontMatter(src: string, file: string) {
	const errors: ContentProblem[] = [];
	try {
		const fm = parseFrontMatter(src);
		const need = (key: string, ok: Check, whatCode: What, fallback?: unknown): unknown => {
			const v = fm.data[key];
			if (v === undefined && fallback !== undefined) return fallback;
			const what = WHAT[whatCode];
			const params = { key, what: `what_${whatCode}` };
			if (!ok(v)) errors.push({ file, line: keyLine(src, key), ...(v === undefined ? { reason: `front matter needs "${key}" (${what})`, code: 'fm_missing' } : { reason: `"${key}" must be ${what}`, code: 'fm_invalid' }), params });
			return v;
		};
		/** a required title or name: also no controls or bidi overrides (the same rule as every form) */
		const title = (key: string): string => {
			const v = need(key, isStr, 'text');
			if (typeof v !== 'string') return '';
			if (hasUnsafeChars(v)) errors.push({ file, line: keyLine(src, key), reason: `"${key}" ${UNSAFE_TEXT_REASON}`, code: 'fm_unsafe', params: { key } });
			return cleanName(v);
		};
		return { fm, need, title, errors };
	} catch (err) {
		if (err instanceof ContentError) errors.push({ file, line: err.line, reason: err.message, code: err.code, params: err.params });
		else throw err;
		return { fm: null, need: () => undefined, title: () => '', errors };
	}
}

export function parseCourse(src: string, file: string): Parsed<CourseMeta> {
	const { fm, need, title: titleOf, errors } = frontMatter(src, file);
	if (!fm) return { ok: false, errors };
	const title = titleOf('title');
	const summary = need('summary', isStr, 'text_de') as string;
	const summaryEn = need('summary_en', isStr, 'text_en', '') as string;
	const language = need('language', (v) => v === 'de' || v === 'en', 'language') as 'de' | 'en';
	const level = need('level', (v) => v === 'beginner' || v === 'intermediate' || v === 'advanced', 'level') as CourseMeta['level'];
	const topics = need('topics', (v) => Array.isArray(v) && v.every(isStr), 'topics', []) as string[];
	const hours = need('hours', (v) => typeof v === 'number' && v > 0 && v < 1000, 'hours') as number;
	const passScore = need('pass_score', (v) => typeof v === 'number' && v >= 0 && v <= 100, 'percent', 70) as number;
	const quizMode = need('quiz', isQuizMode, 'quiz', 'graded') as QuizMode;
	const quizAttempts = need('quiz_attempts', (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 20, 'attempts', 3) as number;
	const quizWait = need('quiz_wait', (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3600, 'wait', 30) as number;
	const bool = (key: string, dflt: boolean) => need(key, (v) => typeof v === 'boolean', 'bool', dflt) as boolean;
	const certificate = bool('certificate', true);
	const featured = bool('featured', false);
	const demo = bool('demo', false);
	const draft = bool('draft', false);
	const cover = courseCover(fm.data, src, file, errors);
	const doc = renderDocument(fm.body, { lang: language === 'en' ? 'en' : 'de' });
	for (const p of doc.problems) errors.push({ file, line: fm.bodyLine + p.line - 1, reason: p.reason, code: p.code, params: p.params });
	if (errors.length) return { ok: false, errors };
	return {
		ok: true,
		value: { title: title.trim(), summary: summary.trim(), summaryEn: (summaryEn ?? '').trim(), language, level, topics: topics.map((t) => t.trim()), hours, passScore, quizMode, quizAttempts, quizWait, certificate, featured, demo, draft, descriptionHtml: doc.html, cover, hash: sourceHash(src) }
	};
}

export const COVER_FILE_RE = /^[a-z0-9][a-z0-9_-]*\.(jpe?g|png)$/i;
export const COVER_ALT_MAX = 300;

/** `cover:` and `cover_alt:`: a picture without words for those who cannot see it is refused, like an image in a lesson. */
function courseCover(data: Record<string, unknown>, src: string, file: string, errors: ContentProblem[]): CourseMeta['cover'] {
	const name = data.cover;
	const alt = data.cover_alt;
	if (name === undefined) {
		if (alt !== undefined) errors.push({ file, line: keyLine(src, 'cover_alt'), reason: '"cover_alt" without "cover": name the image file with cover: cover.jpg, or remove cover_alt' });
		return null;
	}
	const line = keyLine(src, 'cover');
	if (typeof name !== 'string' || !COVER_FILE_RE.test(name)) {
		errors.push({ file, line, reason: '"cover" must be the name of a JPEG or PNG file beside course.md, e.g. cover: cover.jpg' });
		return null;
	}
	if (typeof alt !== 'string' || !alt.trim()) {
		errors.push({ file, line, reason: `cover ${name} has no alt text: add cover_alt: with a short description of what the image shows` });
		return null;
	}
	if (alt.length > COVER_ALT_MAX || hasUnsafeChars(alt)) {
		errors.push({ file, line: keyLine(src, 'cover_alt'), reason: hasUnsafeChars(alt) ? `"cover_alt" ${UNSAFE_TEXT_REASON}` : `"cover_alt" must be at most ${COVER_ALT_MAX} characters` });
		return null;
	}
	return { file: name, alt: cleanName(alt), line };
}

export function parseModule(src: string, file: string, lang: 'de' | 'en'): Parsed<ModuleMeta> {
	const { fm, need, title: titleOf, errors } = frontMatter(src, file);
	if (!fm) return { ok: false, errors };
	const title = titleOf('title');
	const summary = need('summary', (v) => v === undefined || typeof v === 'string', 'text', '') as string;
	const doc = renderDocument(fm.body, { lang });
	for (const p of doc.problems) errors.push({ file, line: fm.bodyLine + p.line - 1, reason: p.reason, code: p.code, params: p.params });
	if (errors.length) return { ok: false, errors };
	return { ok: true, value: { title: title.trim(), summary: (summary ?? '').trim(), descriptionHtml: doc.html, hash: sourceHash(src) } };
}

/** Splits a body at the "## Quiz…" heading (outside code fences). */
function splitQuiz(body: string): { text: string[]; quiz: string[] | null; quizIndex: number } {
	const lines = body.split('\n');
	let fence: string | null = null;
	for (let i = 0; i < lines.length; i++) {
		const f = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i]);
		if (f) fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
		else if (fence === null && /^##\s+Quiz\b/i.test(lines[i])) return { text: lines.slice(0, i), quiz: lines.slice(i + 1), quizIndex: i };
	}
	return { text: lines, quiz: null, quizIndex: -1 };
}

/** `ctx.lang`: the language the text is written in (the course's, or a variant's: callout titles, footnote labels). */
export function parseLesson(src: string, file: string, ctx: { courseSlug: string; fileName: string; lang: string }): Parsed<ParsedLesson> {
	const { fm, need, title: titleOf, errors } = frontMatter(src, file);
	const num = numbered(ctx.fileName);
	if (!num) errors.push({ file, line: 1, reason: 'lesson file names look like "03-lesson-slug.md" (number, dash, lower-case letters, digits and dashes)', code: 'file_name' });
	if (!fm || !num) return { ok: false, errors };
	const title = titleOf('title');
	const duration = need('duration', (v) => typeof v === 'number' && v > 0 && v <= 600, 'duration') as number;
	const summaryEn = need('summary_en', (v) => typeof v === 'string', 'text_en', '') as string;
	const id = need('id', (v) => typeof v === 'string' && /^[a-z0-9][a-z0-9/_-]*$/.test(v), 'id', null) as string | null;
	const episode = need('episode', (v) => typeof v === 'string' && SLUG_RE.test(v), 'episode', null) as string | null;
	const quizMode = need('quiz', isQuizMode, 'quiz_lesson', null) as QuizMode | null;

	const { text, quiz, quizIndex } = splitQuiz(fm.body);
	const doc = renderDocument(text.join('\n'), { lang: ctx.lang });
	for (const p of doc.problems) errors.push({ file, line: fm.bodyLine + p.line - 1, reason: p.reason, code: p.code, params: p.params });
	let questions: QuizQuestion[] | null = null;
	let quizLines: number[] = [];
	const identity = id ?? `${ctx.courseSlug}/${num.slug}`;
	if (quiz) {
		const parsed = parseQuiz(quiz, fm.bodyLine + quizIndex + 1, identity, ctx.lang);
		for (const p of parsed.problems) errors.push({ file, line: p.line, reason: p.reason, code: p.code, params: p.params });
		questions = parsed.questions;
		quizLines = parsed.lines;
	}
	if (errors.length) return { ok: false, errors };
	const quizText = questions ? ' ' + questions.map((q) => q.html.replace(/<[^>]+>/g, '')).join(' ') : '';
	return {
		ok: true,
		value: {
			identity,
			slug: num.slug,
			title: title.trim(),
			duration,
			summaryEn: (summaryEn ?? '').trim(),
			episode,
			quizMode,
			html: doc.html,
			text: (title + ' ' + doc.text + quizText).trim(),
			quiz: questions,
			quizLines,
			source: src,
			hash: sourceHash(src)
		}
	};
}
