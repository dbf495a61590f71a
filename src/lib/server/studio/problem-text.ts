// Content problems in the trainer's language: the content module gives a code and parameters beside its English
// sentence (src/lib/content/problem.ts); the studio shows the message `tf_cv_<code>` instead, with the line.
import { t } from '../i18n';
import type { Coded } from '../../content/problem';

/** Front matter keys the studio shows as form fields: named by the field's label, not the file's key. */
const FIELD_LABELS: Record<string, string> = {
	title: 'studio_lesson_title',
	duration: 'studio_lesson_duration',
	summary_en: 'studio_field_summary_en',
	episode: 'studio_lesson_episode',
	quiz: 'hardening_data_lesson_quiz_mode'
};

/** One problem's text in `locale`; the English sentence only when the code has no message. */
export function problemText(locale: string, p: Coded & { reason: string }): string {
	if (!p.code) return p.reason;
	const key = `tf_cv_${p.code}`;
	const params: Record<string, string | number> = {};
	for (const [k, v] of Object.entries(p.params ?? {})) {
		if (typeof v === 'string' && v.startsWith('what_')) params[k] = t(locale, `tf_cv_${v}`);
		else if (k === 'key' && typeof v === 'string' && FIELD_LABELS[v]) params[k] = t(locale, FIELD_LABELS[v]);
		else params[k] = v;
	}
	const text = t(locale, key, params);
	return text === key ? p.reason : text;
}

/** "Zeile 5: …" for a problem in the text, "In den Angaben: …" for one in the fields above it (line 0). */
export function problemWithLine(locale: string, p: Coded & { reason: string; line: number }): string {
	const reason = problemText(locale, p);
	return p.line ? t(locale, 'studio_problem_line', { line: p.line, reason }) : t(locale, 'studio_problem_fields', { reason });
}

/** A preview (or any result) with every problem's reason in `locale`; the line stays for the editor to show. */
export function localiseProblems<T extends { problems: (Coded & { reason: string; line: number })[] }>(locale: string, r: T): T {
	return { ...r, problems: r.problems.map((p) => ({ line: p.line, reason: problemText(locale, p) })) };
}
