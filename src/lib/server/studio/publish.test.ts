import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { publishLesson, restoreRevision } from './publish';
import { getDraft, saveDraft } from './drafts';
import { lessonHistory } from './history';
import { lineDiff, hunks } from './diff';
import { studioCourse, text, trainer, QUIZ_BODY } from './test-helpers';
import { cachedLessonContent, courseOutline } from '../courses/catalogue';

const lessonRow = async (id: string) => (await db().select().from(schema.lessons).where(eq(schema.lessons.id, id)).limit(1))[0];

describe('publishing from the studio', () => {
	it('publishes a draft as a new studio revision, live at once, and deletes the draft', async () => {
		const t = await trainer();
		const { course, lesson } = await studioCourse(t);
		expect(await courseOutline(course.slug)).toMatchObject({ lessons: [] });
		await saveDraft(lesson.id, t.id, { ...text(), baseRevisionId: null });
		const r = await publishLesson(t, course, lesson, { ...text(), baseRevisionId: null });
		expect(r).toMatchObject({ ok: true, unchanged: false });
		const live = await lessonRow(lesson.id);
		expect(live).toMatchObject({ title: 'Beraten', durationMin: 7, hasQuiz: true, identity: `${course.slug}/beraten` });
		const rev = (await db().select().from(schema.lessonRevisions).where(eq(schema.lessonRevisions.lessonId, lesson.id)))[0];
		expect(rev).toMatchObject({ origin: 'studio', authorId: t.id, id: live.publishedRevisionId });
		expect(rev.source).toContain(`id: ${course.slug}/beraten`);
		expect(await getDraft(lesson.id, t.id)).toBeNull();
		// learners see it immediately (the content version moved on)
		expect((await courseOutline(course.slug))?.lessons.map((l) => l.slug)).toEqual(['beraten']);
		expect((await cachedLessonContent(lesson.id))?.html).toContain('Ein Beirat berät den Rat.');
	});

	it('refuses a broken quiz with the import message and the body line, and keeps the text as a draft', async () => {
		const t = await trainer();
		const { course, lesson } = await studioCourse(t);
		const broken = QUIZ_BODY.replace('- [x] Er berät', '- [ ] Er berät');
		const r = await publishLesson(t, course, lesson, { ...text(broken), baseRevisionId: null });
		expect(r).toEqual({ ok: false, reason: 'invalid', problems: [expect.objectContaining({ line: 5, reason: expect.stringContaining('has no right option'), code: 'quiz_no_right' })] });
		expect((await lessonRow(lesson.id)).publishedRevisionId).toBeNull();
		expect((await getDraft(lesson.id, t.id))?.body).toBe(broken);
	});

	it('shows a conflict instead of overwriting what another trainer published, and keeps both', async () => {
		const a = await trainer('A');
		const b = await trainer('B');
		const { course, lesson } = await studioCourse(a);
		const first = await publishLesson(a, course, lesson, { ...text(), baseRevisionId: null });
		if (!first.ok) throw new Error('publish');
		// both start from the first revision; B publishes first
		await saveDraft(lesson.id, a.id, { ...text(QUIZ_BODY.replace('Rat.', 'Rat. Von A.')), baseRevisionId: first.revisionId });
		const byB = await publishLesson(b, course, lesson, { ...text(QUIZ_BODY.replace('berät den Rat', 'berät die Stadt')), baseRevisionId: first.revisionId });
		expect(byB.ok).toBe(true);
		const save = await saveDraft(lesson.id, a.id, { ...text(QUIZ_BODY.replace('Rat.', 'Rat. Von A, noch mehr.')), baseRevisionId: first.revisionId });
		expect(save.conflict).toBe(true);
		const stale = await publishLesson(a, course, lesson, { ...text(QUIZ_BODY.replace('Rat.', 'Rat. Von A, noch mehr.')), baseRevisionId: first.revisionId });
		expect(stale).toMatchObject({ ok: false, reason: 'conflict' });
		expect((await lessonRow(lesson.id)).publishedRevisionId).toBe(byB.ok && byB.revisionId);
		expect((await getDraft(lesson.id, a.id))?.body).toContain('Von A, noch mehr.');
		// "keep mine": published on top; B's revision stays in the history
		const mine = await publishLesson(a, course, lesson, { ...text(QUIZ_BODY.replace('Rat.', 'Rat. Von A, noch mehr.')), baseRevisionId: first.revisionId }, { force: true });
		expect(mine.ok).toBe(true);
		const history = await lessonHistory(await lessonRow(lesson.id));
		expect(history.map((h) => h.author)).toEqual(['A', 'B', 'A']);
		expect(history[0].live).toBe(true);
	});

	it('restores an old revision as a new one and diffs any two', async () => {
		const t = await trainer('Restorer');
		const { course, lesson } = await studioCourse(t);
		const one = await publishLesson(t, course, lesson, { ...text(), baseRevisionId: null });
		if (!one.ok) throw new Error('publish');
		const two = await publishLesson(t, course, lesson, { ...text(QUIZ_BODY.replace('Ein Beirat', 'Jeder Beirat')), baseRevisionId: one.revisionId });
		if (!two.ok) throw new Error('publish');
		const restored = await restoreRevision(t, await lessonRow(lesson.id), one.revisionId);
		expect(restored.ok).toBe(true);
		const live = await lessonRow(lesson.id);
		expect(live.publishedRevisionId).not.toBe(one.revisionId);
		expect((await cachedLessonContent(lesson.id))?.html).toContain('Ein Beirat berät');
		expect(await lessonHistory(live)).toHaveLength(3);
		expect(await restoreRevision(t, live, 'not-this-lessons')).toEqual({ ok: false });
	});
});

describe('line diff', () => {
	it('marks added and removed lines with their numbers', () => {
		expect(lineDiff('a\nb\nc', 'a\nx\nc\nd')).toEqual([
			{ kind: 'same', text: 'a', a: 1, b: 1 },
			{ kind: 'add', text: 'x', b: 2 },
			{ kind: 'del', text: 'b', a: 2 },
			{ kind: 'same', text: 'c', a: 3, b: 3 },
			{ kind: 'add', text: 'd', b: 4 }
		]);
		const lines = Array.from({ length: 20 }, (_, i) => `l${i}`);
		const changed = [...lines];
		changed[10] = 'neu';
		const h = hunks(lineDiff(lines.join('\n'), changed.join('\n')), 2);
		expect(h[0]).toBeNull();
		expect(h.filter((l) => l && l.kind !== 'same').map((l) => l!.text)).toEqual(['neu', 'l10'].sort((x, y) => (x === 'neu' ? -1 : y === 'neu' ? 1 : 0)));
	});
});
