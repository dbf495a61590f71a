// Quizzes written in Markdown: "### question", task-list options (- [x] right, - [ ] wrong), an optional "> explanation".
// Question and option ids are hashes of their text, so renumbering or editing other questions keeps them stable.
import type { Coded } from './problem';
import { createHash } from 'node:crypto';
import { renderInline, renderMarkdown } from './markdown';

export interface QuizOption {
	id: string;
	html: string;
	correct: boolean;
}
export interface QuizQuestion {
	id: string;
	html: string;
	promptHtml: string;
	multiple: boolean;
	options: QuizOption[];
	explanationHtml: string;
}
/** What the browser may see before answering: no `correct`, no explanation. */
export interface PublicQuizQuestion {
	id: string;
	html: string;
	promptHtml: string;
	multiple: boolean;
	options: { id: string; html: string }[];
}
export interface QuizProblem extends Coded {
	line: number;
	reason: string;
}

export function shortHash(text: string, len = 10): string {
	return createHash('sha256').update(text).digest('hex').slice(0, len);
}

const OPTION_RE = /^\s{0,3}[-*+]\s+\[([ xX])\]\s+(.*)$/;

interface Draft {
	title: string;
	line: number;
	prompt: string[];
	options: { text: string; correct: boolean; line: number }[];
	explanation: string[];
}

/** Parses the lines of a quiz section; `firstLine` is the file line of lines[0]; `scope` (the lesson identity) makes ids lesson-specific. */
export function parseQuiz(lines: string[], firstLine: number, scope: string, lang = 'de'): { questions: QuizQuestion[]; problems: QuizProblem[]; lines: number[] } {
	const problems: QuizProblem[] = [];
	const drafts: Draft[] = [];
	let cur: Draft | undefined;
	lines.forEach((line, i) => {
		const at = firstLine + i;
		const heading = /^###\s+(.+?)\s*#*\s*$/.exec(line);
		if (heading) {
			cur = { title: heading[1], line: at, prompt: [], options: [], explanation: [] };
			drafts.push(cur);
			return;
		}
		if (!line.trim()) {
			if (cur?.explanation.length) cur.explanation.push('');
			else if (cur && !cur.options.length) cur.prompt.push('');
			return;
		}
		if (/^#{1,2}\s/.test(line)) {
			problems.push({ line: at, reason: 'the quiz runs to the end of the file: put other sections above "## Quiz"', code: 'quiz_to_end' });
			return;
		}
		if (!cur) {
			problems.push({ line: at, reason: 'text in the quiz before the first question: start each question with "### "', code: 'quiz_text_before' });
			return;
		}
		const opt = OPTION_RE.exec(line);
		if (opt) {
			if (cur.explanation.length) problems.push({ line: at, reason: 'option after the explanation: the "> explanation" goes after all options', code: 'quiz_option_after' });
			cur.options.push({ text: opt[2].trim(), correct: opt[1] !== ' ', line: at });
			return;
		}
		if (/^\s*>/.test(line)) {
			if (cur.options.length) cur.explanation.push(line.replace(/^\s*>\s?/, ''));
			else cur.prompt.push(line);
			return;
		}
		if (cur.options.length && !cur.explanation.length && /^\s{2,}\S/.test(line)) {
			cur.options[cur.options.length - 1].text += ' ' + line.trim();
			return;
		}
		if (cur.options.length) {
			problems.push({ line: at, reason: 'text after the options must be an explanation starting with ">"', code: 'quiz_text_after' });
			return;
		}
		cur.prompt.push(line);
	});

	if (!drafts.length) problems.push({ line: firstLine, reason: 'the quiz has no questions: write each question as "### question"', code: 'quiz_empty' });
	const questions: QuizQuestion[] = [];
	const seen = new Set<string>();
	for (const d of drafts) {
		const id = 'q' + shortHash(scope + '\n' + d.title);
		if (seen.has(id)) problems.push({ line: d.line, reason: `question "${d.title}" appears twice`, code: 'quiz_question_twice', params: { title: d.title } });
		seen.add(id);
		if (d.options.length < 2) problems.push({ line: d.line, reason: `question "${d.title}" needs at least 2 options ("- [x] right", "- [ ] wrong")`, code: 'quiz_two_options', params: { title: d.title } });
		if (!d.options.some((o) => o.correct)) problems.push({ line: d.line, reason: `question "${d.title}" has no right option: mark at least one with "- [x]"`, code: 'quiz_no_right', params: { title: d.title } });
		const optionIds = new Set<string>();
		const options: QuizOption[] = [];
		for (const o of d.options) {
			const oid = 'o' + shortHash(id + '\n' + o.text);
			if (optionIds.has(oid)) problems.push({ line: o.line, reason: `option "${o.text}" appears twice in this question`, code: 'quiz_option_twice', params: { text: o.text } });
			optionIds.add(oid);
			options.push({ id: oid, html: renderInline(o.text), correct: o.correct });
		}
		questions.push({
			id,
			html: renderInline(d.title),
			promptHtml: d.prompt.join('\n').trim() ? renderMarkdown(d.prompt.join('\n'), { lang, idPrefix: `${id}-` }) : '',
			multiple: options.filter((o) => o.correct).length > 1,
			options,
			explanationHtml: d.explanation.join('\n').trim() ? renderMarkdown(d.explanation.join('\n'), { lang, idPrefix: `${id}-x-` }) : ''
		});
	}
	return { questions, problems, lines: drafts.map((d) => d.line) };
}

export function publicQuiz(questions: QuizQuestion[]): PublicQuizQuestion[] {
	return questions.map((q) => ({ id: q.id, html: q.html, promptHtml: q.promptHtml, multiple: q.multiple, options: q.options.map((o) => ({ id: o.id, html: o.html })) }));
}

export interface QuizGrade {
	score: number;
	/** `right`: the option ids that were right (shown with the explanation once the policy allows feedback) */
	results: { questionId: string; correct: boolean; right: string[]; explanationHtml: string }[];
}

/** Grades answers (question id → chosen option ids). Unknown ids must be rejected by the caller first. */
export function gradeQuiz(questions: QuizQuestion[], answers: Record<string, string[]>): QuizGrade {
	const results = questions.map((q) => {
		const chosen = new Set(answers[q.id] ?? []);
		const right = q.options.filter((o) => o.correct).map((o) => o.id);
		const correct = chosen.size === right.length && right.every((id) => chosen.has(id));
		return { questionId: q.id, correct, right, explanationHtml: q.explanationHtml };
	});
	const score = questions.length ? Math.round((100 * results.filter((r) => r.correct).length) / questions.length) : 0;
	return { score, results };
}

/** True when every answered question and option belongs to this quiz (no tampering). */
export function answersValid(questions: QuizQuestion[], answers: Record<string, string[]>): boolean {
	const byId = new Map(questions.map((q) => [q.id, q]));
	for (const [qid, chosen] of Object.entries(answers)) {
		const q = byId.get(qid);
		if (!q) return false;
		if (!q.multiple && chosen.length > 1) return false;
		if (new Set(chosen).size !== chosen.length) return false;
		if (!chosen.every((id) => q.options.some((o) => o.id === id))) return false;
	}
	return true;
}
