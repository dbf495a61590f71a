// Variants in the studio, against a real temp libSQL file: drafts per variant, publish with the lesson's answer key,
// conflicts, Leichte Sprache notes in the preview, history and restore, the course matrix, the export.
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { publishLesson, restoreRevision } from './publish';
import { getDraft, saveDraft } from './drafts';
import { lessonHistory } from './history';
import { studioCourse, text, trainer, QUIZ_BODY } from './test-helpers';
import { previewVariant, publishVariant, restoreVariantRevision, variantBase, variantEditorState } from './variants';
import { variantMatrix } from './variant-matrix';
import { courseFiles } from './export';
import { cachedLessonContent } from '../courses/catalogue';
import { lessonVersion } from '../courses/variants';

const AR_BODY = `المجلس الاستشاري يقدم المشورة لمجلس المدينة.

## Quiz

### ماذا يفعل المجلس الاستشاري؟

- [x] يقدم المشورة
- [ ] يقر الميزانية

> المجالس الاستشارية تقدم المشورة.
`;
const lessonRow = async (id: string) => (await db().select().from(schema.lessons).where(eq(schema.lessons.id, id)).limit(1))[0];

/** A studio course whose lesson "beraten" is published (one quiz question: the first option is right). */
async function published() {
	const t = await trainer();
	const { course, lesson } = await studioCourse(t);
	const r = await publishLesson(t, course, lesson, { ...text(), baseRevisionId: null });
	if (!r.ok) throw new Error('publish');
	return { t, course, lesson: await lessonRow(lesson.id) };
}

async function learnerView(lessonId: string, courseSlug: string, locale: string, plain = false) {
	const l = await lessonRow(lessonId);
	const base = (await cachedLessonContent(l.id))!;
	return lessonVersion({ base, lesson: { id: l.id, title: l.title, durationMin: l.durationMin }, original: 'de', explicit: null, locale, plain, path: `/courses/${courseSlug}/${l.slug}` });
}

describe('variants in the studio', () => {
	it('publishes an Arabic variant beside the original: its own revision, the lesson\'s answer key, live for Arabic readers', async () => {
		const { t, course, lesson } = await published();
		const arText = { ...text(AR_BODY, 'تقديم المشورة'), baseRevisionId: null };
		// the editor starts from the original's text to translate from
		const fresh = await variantEditorState(course, lesson, 'ar', t.id);
		expect(fresh).toMatchObject({ fresh: true, live: null, text: { title: 'Beraten', summaryEn: '', episode: '' } });
		expect(fresh.text.body).toContain('Ein Beirat berät den Rat.');

		const r = await publishVariant(t, course, lesson, 'ar', arText);
		expect(r).toMatchObject({ ok: true, unchanged: false });
		const row = (await db().select().from(schema.lessonVariants).where(eq(schema.lessonVariants.lessonId, lesson.id)))[0];
		expect(row).toMatchObject({ lang: 'ar', title: 'تقديم المشورة', sourcePath: '', importHash: null, archivedAt: null });
		const rev = (await db().select().from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, row.publishedRevisionId!)))[0];
		expect(rev).toMatchObject({ lang: 'ar', origin: 'studio', authorId: t.id });
		// the lesson itself is untouched, and the draft of the variant is gone
		expect((await lessonRow(lesson.id)).publishedRevisionId).toBe(lesson.publishedRevisionId);
		expect(await getDraft(lesson.id, t.id, 'ar')).toBeNull();

		const ar = await learnerView(lesson.id, course.slug, 'ar');
		expect(ar).toMatchObject({ tag: 'ar', dir: 'rtl', title: 'تقديم المشورة' });
		const key = (await variantBase(lesson))!.quiz!;
		expect(ar.content.quiz!.map((q) => q.id)).toEqual(key.map((q) => q.id));
		expect(ar.content.quiz![0].options.map((o) => o.id)).toEqual(key[0].options.map((o) => o.id));
	});

	it('refuses a variant whose answer key differs, or before the original is published, and keeps the text as a draft', async () => {
		const { t, course, lesson } = await published();
		const wrong = AR_BODY.replace('- [x] يقدم المشورة\n- [ ] يقر', '- [ ] يقدم المشورة\n- [x] يقر');
		const r = await publishVariant(t, course, lesson, 'ar', { ...text(wrong), baseRevisionId: null });
		expect(r).toMatchObject({ ok: false, reason: 'invalid', problems: [{ line: 5, reason: expect.stringMatching(/^question 1 "ماذا يفعل المجلس الاستشاري؟": the answer key differs/) }] });
		expect(await db().select().from(schema.lessonVariants).where(eq(schema.lessonVariants.lessonId, lesson.id))).toEqual([]);
		expect((await getDraft(lesson.id, t.id, 'ar'))?.body).toBe(wrong);

		const other = await trainer();
		const unpublished = await studioCourse(other);
		const early = await publishVariant(other, unpublished.course, unpublished.lesson, 'tr', { ...text(), baseRevisionId: null });
		expect(early).toMatchObject({ ok: false, reason: 'invalid', problems: [{ line: 0, reason: expect.stringContaining('publish it first') }] });
	});

	it('keeps a draft per variant and author, apart from the lesson\'s own draft', async () => {
		const { t, lesson } = await published();
		await saveDraft(lesson.id, t.id, { ...text('Deutscher Entwurf'), baseRevisionId: lesson.publishedRevisionId });
		await saveDraft(lesson.id, t.id, { ...text('Taslak'), baseRevisionId: null }, 'tr');
		await saveDraft(lesson.id, t.id, { ...text('Taslak 2'), baseRevisionId: null }, 'tr');
		expect((await getDraft(lesson.id, t.id))?.body).toBe('Deutscher Entwurf');
		expect((await getDraft(lesson.id, t.id, 'tr'))?.body).toBe('Taslak 2');
		expect(await getDraft(lesson.id, t.id, 'ar')).toBeNull();
	});

	it('shows a conflict when someone else published the variant meanwhile; "keep mine" publishes on top', async () => {
		const { t: a, course, lesson } = await published();
		const b = await trainer('B');
		await db().insert(schema.courseOwners).values({ courseId: course.id, userId: b.id, role: 'co-owner', createdAt: Date.now() });
		await saveDraft(lesson.id, a.id, { ...text(AR_BODY, 'نسخة أ'), baseRevisionId: null }, 'ar');
		const byB = await publishVariant(b, course, lesson, 'ar', { ...text(AR_BODY, 'نسخة ب'), baseRevisionId: null });
		expect(byB.ok).toBe(true);
		const stale = await publishVariant(a, course, lesson, 'ar', { ...text(AR_BODY, 'نسخة أ'), baseRevisionId: null });
		expect(stale).toMatchObject({ ok: false, reason: 'conflict', publishedRevisionId: byB.ok ? byB.revisionId : '' });
		expect((await variantEditorState(course, lesson, 'ar', a.id)).conflict).toMatchObject({ theirs: { text: { title: 'نسخة ب' } }, mine: { title: 'نسخة أ' } });
		const mine = await publishVariant(a, course, lesson, 'ar', { ...text(AR_BODY, 'نسخة أ'), baseRevisionId: null }, { force: true });
		expect(mine.ok).toBe(true);
		expect((await lessonHistory({ id: lesson.id, publishedRevisionId: mine.ok ? mine.revisionId : null }, 'ar')).map((r) => [r.title, r.live])).toEqual([
			['نسخة أ', true],
			['نسخة ب', false]
		]);
	});

	it('restores an old revision of a variant, never another variant\'s or the lesson\'s', async () => {
		const { t, course, lesson } = await published();
		const first = await publishVariant(t, course, lesson, 'ar', { ...text(AR_BODY, 'الأولى'), baseRevisionId: null });
		const second = await publishVariant(t, course, lesson, 'ar', { ...text(AR_BODY.replace('## Quiz', 'مزيد.\n\n## Quiz'), 'الثانية'), baseRevisionId: first.ok ? first.revisionId : null });
		if (!first.ok || !second.ok) throw new Error('publish');
		// the lesson's own history does not list the variant's revisions, and its restore refuses them
		expect((await lessonHistory(lesson)).every((r) => r.title === 'Beraten')).toBe(true);
		expect(await restoreRevision(t, lesson, first.revisionId)).toEqual({ ok: false });
		expect(await restoreVariantRevision(t, lesson, 'tr', first.revisionId)).toEqual({ ok: false });
		const back = await restoreVariantRevision(t, lesson, 'ar', first.revisionId);
		expect(back.ok).toBe(true);
		expect((await learnerView(lesson.id, course.slug, 'ar')).title).toBe('الأولى');
	});

	it('shows the Leichte Sprache notes beside the text in the preview (advice: publishing still works)', async () => {
		const { t, course, lesson } = await published();
		const body = QUIZ_BODY.replace('Ein Beirat berät den Rat.', 'Ein Bei·rat berät den Rat.\n\nDie Vorschläge des Integrationsbeirats werden von zwei Mitgliedern vorgestellt.');
		const p = previewVariant({ identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug }, 'de-x-ls', await variantBase(lesson), text(body));
		expect(p.problems).toEqual([]);
		expect(p.warnings.map((w) => [w.line, w.rule])).toEqual([
			[3, 'genitive'],
			[3, 'word_long'],
			[3, 'number_word'],
			[3, 'passive']
		]);
		// other languages are not checked for Leichte Sprache
		expect(previewVariant({ identity: lesson.identity, slug: lesson.slug, courseSlug: course.slug }, 'tr', await variantBase(lesson), text(body)).warnings).toEqual([]);
		expect((await publishVariant(t, course, lesson, 'de-x-ls', { ...text(body), baseRevisionId: null })).ok).toBe(true);
	});

	it('lists which lessons lack which variants, and a variant whose quiz no longer fits the original as outdated', async () => {
		const { t, course, lesson } = await published();
		await publishVariant(t, course, lesson, 'ar', { ...text(AR_BODY), baseRevisionId: null });
		await saveDraft(lesson.id, t.id, { ...text('Taslak'), baseRevisionId: null }, 'tr');
		const status = async () => Object.fromEntries((await variantMatrix(course, t.id)).rows[0].cells.map((c) => [c.tag, c.status]));
		const m = await variantMatrix(course, t.id);
		expect(m.tags).toEqual(['de-x-ls', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']);
		expect(m.rows.map((r) => r.slug)).toEqual(['beraten']);
		expect(await status()).toEqual({ 'de-x-ls': 'missing', en: 'missing', ar: 'published', fa: 'missing', tr: 'draft', uk: 'missing', ru: 'missing' });

		// the original gets a second question: the Arabic quiz no longer fits; learners get the original
		const two = QUIZ_BODY + '\n### Wer beschließt?\n\n- [x] Der Rat\n- [ ] Der Beirat\n';
		const r = await publishLesson(t, course, lesson, { ...text(two), baseRevisionId: lesson.publishedRevisionId });
		expect(r.ok).toBe(true);
		expect((await status()).ar).toBe('outdated');
		const ar = await learnerView(lesson.id, course.slug, 'ar');
		expect(ar.tag).toBe('de');
		expect(ar.notice).toContain('العربية');
	});

	it('exports a course with its variants as NN-lesson.<tag>.md', async () => {
		const { t, course, lesson } = await published();
		await publishVariant(t, course, lesson, 'ar', { ...text(AR_BODY, 'تقديم المشورة'), baseRevisionId: null });
		const files = await courseFiles(course.id);
		const names = [...files.keys()].filter((n) => n.includes('beraten'));
		expect(names).toEqual([`courses/${course.slug}/01-grundlagen/01-beraten.md`, `courses/${course.slug}/01-grundlagen/01-beraten.ar.md`]);
		const ar = files.get(names[1])!;
		expect(ar).toContain(`id: ${course.slug}/beraten`);
		expect(ar).toContain('تقديم المشورة');
		const drafts = await db().select().from(schema.lessonDrafts).where(and(eq(schema.lessonDrafts.lessonId, lesson.id), eq(schema.lessonDrafts.lang, 'ar')));
		expect(drafts).toEqual([]);
	});
});
