// A lesson's variant (`NN-lesson.<tag>.md`): parsed like a lesson, then held to its original. It must keep the
// lesson's id and episode, and its quiz must ask the same questions in the same order with the same answer key;
// its stored question and option ids become the original's, so progress, grading and quiz statistics are shared.
import type { Coded } from './problem';
import { parseFrontMatter } from './frontmatter';
import { parseLesson, type ContentProblem, type Parsed, type ParsedLesson } from './lesson';
import { checkPlainLanguage, type PlainWarning } from './leichte-sprache';
import { PLAIN, renderLang, type VariantTag } from './languages';
import type { QuizQuestion } from './quiz';

/** What a variant is held to: the original as it is live (or as the same import parsed it). */
export interface VariantBase {
	identity: string;
	episode: string | null;
	quiz: QuizQuestion[] | null;
}

export interface ParsedVariant extends ParsedLesson {
	lang: VariantTag;
	/** Leichte Sprache findings (only for de-x-ls): warnings, never a reason to refuse */
	warnings: PlainWarning[];
}

export type Alignment = { ok: true; quiz: QuizQuestion[] | null } | ({ ok: false; question: number | null; reason: string } & Coded);

const plain = (html: string) => html.replace(/<[^>]*>/g, '').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
const rightOnes = (q: QuizQuestion) => q.options.flatMap((o, i) => (o.correct ? [i + 1] : [])).join(', ');

/**
 * The variant's quiz with the original's question and option ids, when it asks the same questions (count, order,
 * options per question) with the same right options; otherwise the first difference (`question`: 0-based index).
 */
export function alignQuiz(key: QuizQuestion[] | null, variant: QuizQuestion[] | null): Alignment {
	if (!key && !variant) return { ok: true, quiz: null };
	if (!key) return { ok: false, question: 0, reason: 'this variant has a quiz and the original has none: remove the quiz here or add it to the original', code: 'var_quiz_extra' };
	if (!variant) return { ok: false, question: null, reason: `the original has a quiz with ${key.length} question(s) and this variant has none: a variant asks the same questions`, code: 'var_quiz_missing', params: { number: key.length } };
	if (key.length !== variant.length) {
		return { ok: false, question: variant.length > key.length ? key.length : null, reason: `the quiz has ${variant.length} question(s) and the original's has ${key.length}: a variant asks the same questions in the same order`, code: 'var_quiz_count', params: { here: variant.length, there: key.length } };
	}
	const out: QuizQuestion[] = [];
	for (let i = 0; i < key.length; i++) {
		const k = key[i];
		const v = variant[i];
		const name = `question ${i + 1} "${plain(v.html)}"`;
		if (k.options.length !== v.options.length) {
			return { ok: false, question: i, reason: `${name} has ${v.options.length} options and the original's question ${i + 1} "${plain(k.html)}" has ${k.options.length}: give the same options in the same order`, code: 'var_options', params: { position: i + 1, title: plain(v.html), here: v.options.length, there: k.options.length } };
		}
		if (k.options.some((o, j) => o.correct !== v.options[j].correct)) {
			return { ok: false, question: i, reason: `${name}: the answer key differs from the original's (right there: option ${rightOnes(k)}; here: option ${rightOnes(v) || 'none'}): mark the same options with "- [x]"`, code: 'var_key', params: { position: i + 1, title: plain(v.html), there: rightOnes(k), here: rightOnes(v) || '–' } };
		}
		out.push({ ...v, id: k.id, multiple: k.multiple, options: v.options.map((o, j) => ({ ...o, id: k.options[j].id, correct: k.options[j].correct })) });
	}
	return { ok: true, quiz: out };
}

function keyLine(src: string, key: string): number {
	const i = src.split('\n').findIndex((l) => l.startsWith(key + ':'));
	return i < 0 ? 1 : i + 1;
}

/**
 * Parses a variant file against its original. `originalFileName` gives the slug (and so the identity) the variant
 * shares; `file` is the variant's own path for messages.
 */
export function parseVariant(src: string, file: string, ctx: { courseSlug: string; originalFileName: string; tag: VariantTag; base: VariantBase }): Parsed<ParsedVariant> {
	const parsed = parseLesson(src, file, { courseSlug: ctx.courseSlug, fileName: ctx.originalFileName, lang: renderLang(ctx.tag) });
	if (!parsed.ok) return parsed;
	const l = parsed.value;
	const errors: ContentProblem[] = [];
	// a variant takes its lesson's id; one written out must be the same
	const ownId = parseFrontMatter(src).data.id;
	if (ownId !== undefined && ownId !== ctx.base.identity) {
		errors.push({ file, line: keyLine(src, 'id'), reason: `a variant shares its lesson's id "${ctx.base.identity}": remove "id:" here or set it to the original's`, code: 'var_id', params: { id: ctx.base.identity } });
	}
	if (l.episode !== null && l.episode !== ctx.base.episode) {
		errors.push({ file, line: keyLine(src, 'episode'), reason: `the episode belongs to the lesson: set "episode:" in the original, a variant shows the original's`, code: 'var_episode' });
	}
	const aligned = alignQuiz(ctx.base.quiz, l.quiz);
	if (!aligned.ok) {
		const quizHeading = src.split('\n').findIndex((x) => /^##\s+Quiz\b/i.test(x)) + 1;
		const line = aligned.question !== null ? (l.quizLines[aligned.question] ?? quizHeading) || 1 : quizHeading || 1;
		errors.push({ file, line, reason: aligned.reason, code: aligned.code, params: aligned.params });
	}
	if (errors.length) return { ok: false, errors };
	let warnings: PlainWarning[] = [];
	if (ctx.tag === PLAIN) {
		const fm = parseFrontMatter(src);
		warnings = checkPlainLanguage(fm.body, fm.bodyLine);
	}
	return { ok: true, value: { ...l, identity: ctx.base.identity, quiz: aligned.ok ? aligned.quiz : null, episode: ctx.base.episode, lang: ctx.tag, warnings } };
}
