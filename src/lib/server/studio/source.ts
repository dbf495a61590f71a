// A studio lesson as the content format: form fields + Markdown body ⇄ one NN-lesson.md source with front matter.
// Checking goes through the same parser as the import, so the studio shows exactly the import's messages.
import type { Coded } from '../../content/problem';
import { stringify } from 'yaml';
import { parseFrontMatter } from '../../content/frontmatter';
import { parseLesson, type ParsedLesson } from '../../content/lesson';
import { renderDocument } from '../../content/markdown';
import type { QuizQuestion } from '../../content/quiz';

export interface LessonFields {
	title: string;
	duration: number;
	summaryEn: string;
	/** podcast episode slug, '' for none */
	episode: string;
	/** front matter `quiz:`; '' (or absent) leaves it to the course's setting */
	quizMode?: LessonQuizMode;
}
export type LessonQuizMode = '' | 'graded' | 'practice';

export function asLessonQuizMode(v: unknown): LessonQuizMode {
	return v === 'graded' || v === 'practice' ? v : '';
}
export interface LessonText extends LessonFields {
	body: string;
}
/** A problem for the trainer: `line` is the body line (1-based), or 0 for a front matter field. */
export interface StudioProblem extends Coded {
	line: number;
	reason: string;
}

/** The file the export writes and a publish stores: `id:` always set, so the identity survives any renaming. */
export function composeSource(identity: string, t: LessonText): string {
	const fm: Record<string, unknown> = { title: t.title, duration: t.duration };
	if (t.summaryEn.trim()) fm.summary_en = t.summaryEn.trim();
	fm.id = identity;
	if (t.episode.trim()) fm.episode = t.episode.trim();
	if (t.quizMode) fm.quiz = t.quizMode;
	const body = t.body.replace(/\r\n?/g, '\n');
	return `---\n${stringify(fm, { lineWidth: 0 })}---\n${body.endsWith('\n') || body === '' ? body : body + '\n'}`;
}

/** Fields and body of a stored source (import or studio); `fallback` fills what the front matter lacks. */
export function splitSource(source: string, fallback: Pick<LessonFields, 'title' | 'duration'>): LessonText {
	try {
		const fm = parseFrontMatter(source);
		const d = fm.data;
		return {
			title: typeof d.title === 'string' ? d.title : fallback.title,
			duration: typeof d.duration === 'number' ? d.duration : fallback.duration,
			summaryEn: typeof d.summary_en === 'string' ? d.summary_en : '',
			episode: typeof d.episode === 'string' ? d.episode : '',
			quizMode: asLessonQuizMode(d.quiz),
			body: fm.body
		};
	} catch {
		return { ...fallback, summaryEn: '', episode: '', quizMode: '', body: source };
	}
}

export interface LessonCheck {
	source: string;
	lesson: ParsedLesson | null;
	problems: StudioProblem[];
}

/** Parses a studio lesson exactly as the import would parse the exported file. */
export function checkLesson(ctx: { identity: string; slug: string; courseSlug: string; lang: 'de' | 'en' }, t: LessonText): LessonCheck {
	const source = composeSource(ctx.identity, t);
	const bodyLine = parseFrontMatter(source).bodyLine;
	const parsed = parseLesson(source, 'studio', { courseSlug: ctx.courseSlug, fileName: `01-${ctx.slug}.md`, lang: ctx.lang });
	if (parsed.ok) return { source, lesson: parsed.value, problems: [] };
	const problems = parsed.errors.map((e) => ({ line: e.line >= bodyLine ? e.line - bodyLine + 1 : 0, reason: e.reason, code: e.code, params: e.params }));
	return { source, lesson: null, problems };
}

export interface Preview {
	html: string;
	/** with the right answers marked: only trainers of the course see a preview */
	quiz: QuizQuestion[] | null;
	problems: StudioProblem[];
}

/** What the live preview shows: the rendered lesson (even with problems, so the trainer sees their text) and the problems. */
export function previewLesson(ctx: Parameters<typeof checkLesson>[0], t: LessonText): Preview {
	const check = checkLesson(ctx, t);
	if (check.lesson) return { html: check.lesson.html, quiz: check.lesson.quiz, problems: [] };
	return { html: renderDocument(t.body, { lang: ctx.lang }).html, quiz: null, problems: check.problems };
}
