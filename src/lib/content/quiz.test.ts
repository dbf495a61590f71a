import { describe, expect, it } from 'vitest';
import { answersValid, gradeQuiz, parseQuiz, publicQuiz } from './quiz';
import { parseLesson } from './lesson';

const QUIZ = `### Was darf ein Beirat?

- [x] Anträge stellen
- [ ] Den Haushalt beschließen

> Nur das **Antragsrecht**.

### Welche stimmen?

- [x] A
- [x] B
- [ ] C`;

describe('quiz parsing', () => {
	const { questions, problems } = parseQuiz(QUIZ.split('\n'), 10, 'kurs/lektion');
	it('reads questions, options, multiple choice and explanations', () => {
		expect(problems).toEqual([]);
		expect(questions).toHaveLength(2);
		expect(questions[0].multiple).toBe(false);
		expect(questions[1].multiple).toBe(true);
		expect(questions[0].options.map((o) => o.correct)).toEqual([true, false]);
		expect(questions[0].explanationHtml).toContain('<strong>Antragsrecht</strong>');
	});
	it('keeps ids stable when questions move and differs between lessons', () => {
		const moved = parseQuiz(QUIZ.split('\n').slice(7).concat([''], QUIZ.split('\n').slice(0, 7)), 1, 'kurs/lektion').questions;
		expect(moved.map((q) => q.id).sort()).toEqual(questions.map((q) => q.id).sort());
		const other = parseQuiz(QUIZ.split('\n'), 1, 'kurs/andere').questions;
		expect(other[0].id).not.toBe(questions[0].id);
		expect(other[0].options[0].id).not.toBe(questions[0].options[0].id);
	});
	it('never puts the right answers or explanations into the public quiz', () => {
		const json = JSON.stringify(publicQuiz(questions));
		expect(json).not.toContain('correct');
		expect(json).not.toContain('Antragsrecht');
	});
	it('names the line of a question without a right option or with one option', () => {
		const bad = parseQuiz(['### Eins', '- [ ] a', '- [ ] b', '', '### Zwei', '- [x] a'], 20, 's');
		expect(bad.problems).toMatchObject([
			{ line: 20, reason: expect.stringContaining('no right option') },
			{ line: 24, reason: expect.stringContaining('at least 2 options') }
		]);
	});
	it('refuses a lesson with a broken quiz, naming file and line', () => {
		const src = '---\ntitle: T\nduration: 3\n---\nText\n\n## Quiz\n\n### Frage\n- [ ] a\n- [ ] b\n';
		const r = parseLesson(src, 'courses/k/01-m/01-l.md', { courseSlug: 'k', fileName: '01-l.md', lang: 'de' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toMatchObject([{ file: 'courses/k/01-m/01-l.md', line: 9, reason: expect.stringContaining('no right option') }]);
	});
	it('refuses a lesson without title or duration, naming every problem', () => {
		const r = parseLesson('---\nsummary_en: x\nduration: lang\n---\nText', 'f.md', { courseSlug: 'k', fileName: '01-l.md', lang: 'de' });
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors.map((e) => [e.line, e.reason.slice(0, 25)])).toEqual([[1, 'front matter needs "title'], [3, '"duration" must be the re']]);
	});
});

describe('grading', () => {
	const { questions } = parseQuiz(QUIZ.split('\n'), 1, 'k/l');
	const [q1, q2] = questions;
	const right1 = [q1.options[0].id];
	const right2 = [q2.options[0].id, q2.options[1].id];
	it('scores full marks only for exactly the right options', () => {
		expect(gradeQuiz(questions, { [q1.id]: right1, [q2.id]: right2 }).score).toBe(100);
		expect(gradeQuiz(questions, { [q1.id]: right1, [q2.id]: [q2.options[0].id] }).score).toBe(50);
		expect(gradeQuiz(questions, { [q1.id]: [q1.options[1].id], [q2.id]: [...right2, q2.options[2].id] }).score).toBe(0);
		const g = gradeQuiz(questions, { [q1.id]: right1, [q2.id]: [] });
		expect(g.results.map((r) => r.correct)).toEqual([true, false]);
	});
	it('spots tampered answers', () => {
		expect(answersValid(questions, { [q1.id]: right1 })).toBe(true);
		expect(answersValid(questions, { [q1.id]: ['o-unknown'] })).toBe(false);
		expect(answersValid(questions, { qother: right1 })).toBe(false);
		expect(answersValid(questions, { [q1.id]: [q1.options[0].id, q1.options[1].id] })).toBe(false);
		expect(answersValid(questions, { [q1.id]: [q2.options[0].id] })).toBe(false);
	});
});
