import { describe, expect, it } from 'vitest';
import { checkLesson } from './source';
import { problemText, problemWithLine } from './problem-text';
import { LOCALES } from '../i18n';
import { alignQuiz } from '../../content/variant';
import { parseQuiz } from '../../content/quiz';

const ctx = { identity: 'k/l', slug: 'l', courseSlug: 'k', lang: 'de' as const };
const text = (body: string, over: Partial<{ duration: number }> = {}) => ({ title: 'Lektion', duration: 5, summaryEn: '', episode: '', quizMode: '' as const, body, ...over });
const BROKEN = 'Text.\n\n## Quiz\n\n### Was tut ein Beirat?\n\n- [ ] Er berät\n- [ ] Er beschließt\n\n![](/media/bild.webp)\n';

describe('content problems in the trainer\'s language', () => {
	it('says a quiz problem in German with its line, and in every locale without the English sentence', () => {
		const { problems } = checkLesson(ctx, text(BROKEN));
		const noRight = problems.find((p) => p.code === 'quiz_no_right')!;
		expect(problemWithLine('de', noRight)).toBe('Zeile 5: Die Frage „Was tut ein Beirat?“ hat keine richtige Antwort: Markieren Sie mindestens eine mit „- [x]“.');
		for (const locale of LOCALES) {
			for (const p of problems) {
				const s = problemText(locale, p);
				if (locale !== 'en') expect(s, `${locale}: ${p.code}`).not.toContain(p.reason);
				expect(s).not.toMatch(/tf_cv_/);
			}
		}
	});

	it('names a front matter field by its label in the form, and its rule in words', () => {
		const { problems } = checkLesson(ctx, text('Text.\n', { duration: 0 }));
		expect(problems).toHaveLength(1);
		expect(problemWithLine('de', problems[0])).toBe('Angaben: „Lesezeit in Minuten“ muss eine Zahl von Minuten von 1 bis 600, z. B. 10 sein.');
		expect(problemText('en', problems[0])).toBe('"Reading time in minutes" must be a number of minutes from 1 to 600, e.g. 10.');
	});

	it('translates a variant\'s quiz mismatch with the numbers', () => {
		const q = (body: string) => parseQuiz(body.split('\n'), 1, 'k/l').questions;
		const r = alignQuiz(q('### A\n\n- [x] a\n- [ ] b'), q('### A\n\n- [ ] a\n- [x] b'));
		expect(r.ok).toBe(false);
		if (!r.ok) expect(problemText('de', r)).toBe('Frage 1 „A“: Die richtigen Antworten weichen vom Original ab (dort: 1; hier: 2). Markieren Sie dieselben Antworten mit „- [x]“.');
	});

	it('falls back to the English sentence for a problem without a code', () => {
		expect(problemText('de', { reason: 'something new' })).toBe('something new');
	});
});
