// Lesson variants through the import (a real temp libSQL file): stored as revisions per language, refused with file
// and reason when they do not fit their lesson (the last good revision stays live), offered and chosen for learners,
// sharing the lesson's progress, quiz results and certificate.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from './import';
import { copyFixture, learner, VARIANT_COURSE, VARIANT_FIXTURE_DIR } from './test-helpers';
import { cachedLessonContent, courseOutline, loadRevision, searchCourses, type CourseOutline } from './catalogue';
import { lessonVersion, localiseGrade, offeredVariants } from './variants';
import { submitQuiz } from './quiz-attempts';
import { completeLesson, enrolmentSummaries, lessonState } from './progress';
import { certificatesOf } from './certificates';

const dir = copyFixture(VARIANT_FIXTURE_DIR);
const M = `courses/${VARIANT_COURSE}/01-grundlagen`;
const file = (name: string) => path.join(dir, M, name);
const original = (name: string) => fs.readFileSync(path.join(VARIANT_FIXTURE_DIR, M, name), 'utf8');
const put = (name: string, text: string) => fs.writeFileSync(file(name), text);
const restore = (name: string) => put(name, original(name));

let course: CourseOutline;
const lesson = (slug: string) => course.lessons.find((l) => l.slug === slug)!;

async function variantRow(lessonId: string, lang: string) {
	return (await db().select().from(schema.lessonVariants).where(and(eq(schema.lessonVariants.lessonId, lessonId), eq(schema.lessonVariants.lang, lang))).limit(1))[0];
}
async function view(slug: string, opts: { locale?: string; plain?: boolean; explicit?: string | null } = {}) {
	const l = lesson(slug);
	const base = (await cachedLessonContent(l.id))!;
	return lessonVersion({ base, lesson: l, original: 'de', explicit: opts.explicit ?? null, locale: opts.locale ?? 'de', plain: opts.plain ?? false, path: `/courses/${VARIANT_COURSE}/${slug}` });
}

beforeAll(async () => {
	const r = await importCourses(dir);
	expect(r.errors).toEqual([]);
	course = (await courseOutline(VARIANT_COURSE))!;
});

describe('importing variants', () => {
	it('stores each variant as revisions of its lesson in its language; the course still has three lessons', async () => {
		expect(course.lessons.map((l) => l.slug)).toEqual(['beirat', 'rechte', 'sitzung']);
		const rows = await db().select().from(schema.lessonVariants);
		expect(rows.map((r) => `${course.lessons.find((l) => l.id === r.lessonId)!.slug}.${r.lang}`).sort()).toEqual(['beirat.ar', 'beirat.de-x-ls', 'beirat.tr', 'rechte.ar', 'rechte.de-x-ls']);
		const ar = await variantRow(lesson('rechte').id, 'ar');
		expect(ar.title).toBe('الحقوق في اللجنة');
		expect(ar.sourcePath).toBe(`${M}/02-rechte.ar.md`);
		const rev = (await db().select().from(schema.lessonRevisions).where(eq(schema.lessonRevisions.id, ar.publishedRevisionId!)))[0];
		expect(rev.lang).toBe('ar');
		expect(rev.lessonId).toBe(lesson('rechte').id);
		// the Arabic quiz carries the lesson's question and option ids and the lesson's answer key
		const key = (await loadRevision((await cachedLessonContent(lesson('rechte').id))!.revisionId))!.quiz!;
		const arQuiz = JSON.parse(rev.quiz!) as typeof key;
		expect(arQuiz.map((q) => q.id)).toEqual(key.map((q) => q.id));
		expect(arQuiz.map((q) => q.options.map((o) => [o.id, o.correct]))).toEqual(key.map((q) => q.options.map((o) => [o.id, o.correct])));
		expect(arQuiz[0].html).toBe('ماذا يحق للمجلس الاستشاري؟');
		// callouts are titled in the variant's language
		const beiratAr = await loadRevision((await variantRow(lesson('beirat').id, 'ar')).publishedRevisionId!);
		expect(beiratAr!.content.html).toContain('ملاحظة');
		// the lesson is found by its variants' words
		expect(await searchCourses('Vor·schlag')).toContain(course.id);
	});

	it('writes nothing on an unchanged tree, forced or not', async () => {
		const revs = (await db().select().from(schema.lessonRevisions)).length;
		const r = await importCourses(dir, { force: true });
		expect(r).toMatchObject({ imported: 0, unchanged: 3, variants: 0, errors: [] });
		expect((await db().select().from(schema.lessonRevisions)).length).toBe(revs);
	});

	it('refuses an unknown language tag, de-ls, a variant in the course language and a variant without an original, naming the file', async () => {
		put('02-rechte.fr.md', original('02-rechte.md'));
		put('02-rechte.de-ls.md', original('02-rechte.de-x-ls.md'));
		put('02-rechte.de.md', original('02-rechte.md'));
		put('09-gibt-es-nicht.ar.md', original('02-rechte.ar.md'));
		const r = await importCourses(dir);
		const by = (name: string) => r.errors.filter((e) => e.file === `${M}/${name}`).map((e) => e.reason);
		expect(by('02-rechte.fr.md')).toEqual([expect.stringContaining('unknown language tag "fr"')]);
		expect(by('02-rechte.de-ls.md')).toEqual([expect.stringMatching(/de-x-ls.*Lesotho/)]);
		expect(by('02-rechte.de.md')).toEqual([expect.stringContaining('written in "de" already')]);
		expect(by('09-gibt-es-nicht.ar.md')).toEqual([expect.stringContaining('variant without an original: there is no "09-gibt-es-nicht.md"')]);
		expect(r.errors).toHaveLength(4);
		// nothing else changed: no new lesson, no archived variant (a misnamed file may be meant to replace one)
		expect((await courseOutline(VARIANT_COURSE))!.lessons).toHaveLength(3);
		expect((await offeredVariants(lesson('rechte').id, (await cachedLessonContent(lesson('rechte').id))!.revisionId)).map((v) => v.tag)).toEqual(['de-x-ls', 'ar']);
		for (const f of ['02-rechte.fr.md', '02-rechte.de-ls.md', '02-rechte.de.md', '09-gibt-es-nicht.ar.md']) fs.rmSync(file(f));
		expect((await importCourses(dir)).errors).toEqual([]);
	});

	it('refuses a variant whose answer key differs, naming file and question, and keeps its last good revision live', async () => {
		const l = lesson('rechte');
		const before = await variantRow(l.id, 'ar');
		// the Arabic text changes too: none of it may go live while the quiz does not fit
		put('02-rechte.ar.md', original('02-rechte.ar.md').replace('يحق للمجلس', 'نص جديد. يحق للمجلس').replace('- [x] تقديم الطلبات\n- [ ] إقرار', '- [ ] تقديم الطلبات\n- [x] إقرار'));
		const r = await importCourses(dir);
		expect(r.errors).toMatchObject([{ file: `${M}/02-rechte.ar.md`, line: 9, reason: expect.stringMatching(/^question 1 "ماذا يحق للمجلس الاستشاري؟": the answer key differs from the original's \(right there: option 1; here: option 2\)/) }]);
		expect((await variantRow(l.id, 'ar')).publishedRevisionId).toBe(before.publishedRevisionId);
		const shown = await view('rechte', { locale: 'ar' });
		expect(shown.tag).toBe('ar');
		expect(shown.content.html).not.toContain('نص جديد');

		// a missing question and a missing quiz are refused the same way
		put('02-rechte.ar.md', original('02-rechte.ar.md').split('### أي العبارات')[0]);
		expect((await importCourses(dir)).errors).toMatchObject([{ file: `${M}/02-rechte.ar.md`, line: 7, reason: expect.stringContaining("the quiz has 1 question(s) and the original's has 2") }]);
		put('02-rechte.ar.md', original('02-rechte.ar.md').split('## Quiz')[0]);
		expect((await importCourses(dir)).errors).toMatchObject([{ file: `${M}/02-rechte.ar.md`, line: 1, reason: expect.stringContaining('this variant has none') }]);
		put('02-rechte.ar.md', original('02-rechte.ar.md').replace('- [ ] عزل رئيس البلدية\n', ''));
		expect((await importCourses(dir)).errors).toMatchObject([{ file: `${M}/02-rechte.ar.md`, line: 9, reason: expect.stringContaining("has 2 options and the original's question 1") }]);
		expect((await variantRow(l.id, 'ar')).publishedRevisionId).toBe(before.publishedRevisionId);

		restore('02-rechte.ar.md');
		expect((await importCourses(dir)).errors).toEqual([]);
	});

	it('keeps a lesson and all its variants as they were when the original is broken', async () => {
		const l = lesson('rechte');
		const rows = await db().select().from(schema.lessonVariants).where(eq(schema.lessonVariants.lessonId, l.id));
		put('02-rechte.md', original('02-rechte.md').replace('duration: 8\n', ''));
		put('02-rechte.ar.md', original('02-rechte.ar.md') + '\nنص إضافي.\n');
		const r = await importCourses(dir);
		expect(r.errors.map((e) => e.file)).toEqual([`${M}/02-rechte.md`]);
		expect(await db().select().from(schema.lessonVariants).where(eq(schema.lessonVariants.lessonId, l.id))).toEqual(rows);
		restore('02-rechte.md');
		restore('02-rechte.ar.md');
		expect((await importCourses(dir)).errors).toEqual([]);
	});

	it('archives a variant whose file is gone (learners get the original) and brings it back with the file', async () => {
		const l = lesson('beirat');
		fs.rmSync(file('01-beirat.tr.md'));
		expect((await importCourses(dir)).variants).toBe(1);
		expect((await variantRow(l.id, 'tr')).archivedAt).not.toBeNull();
		const tr = await view('beirat', { locale: 'tr' });
		expect(tr.tag).toBe('de');
		expect(tr.notice).toBe('Bu ders henüz şu dilde mevcut değil: Türkçe. Dersi şu dilde okuyorsunuz: Almanca.');
		restore('01-beirat.tr.md');
		await importCourses(dir);
		expect((await variantRow(l.id, 'tr')).archivedAt).toBeNull();
		expect((await view('beirat', { locale: 'tr' })).tag).toBe('tr');
	});

	it('prints Leichte Sprache warnings with file and line, and still imports the variant', async () => {
		put('01-beirat.de-x-ls.md', original('01-beirat.de-x-ls.md') + '\nDie Sitzung des Beirats wird von zwei Integrationsbeauftragten geleitet.\n');
		const r = await importCourses(dir);
		expect(r.errors).toEqual([]);
		const f = `${M}/01-beirat.de-x-ls.md`;
		expect(r.warnings).toEqual([
			{ file: f, line: 12, reason: 'Leichte Sprache: genitive "des Beirats" (use "von" instead)' },
			{ file: f, line: 12, reason: 'Leichte Sprache: number written as a word "zwei" (write digits: 2, 12, 100)' },
			{ file: f, line: 12, reason: 'Leichte Sprache: long word "Integrationsbeauftragten": split it with a middle dot (Bei·rat) or a hyphen' },
			{ file: f, line: 12, reason: expect.stringContaining('Leichte Sprache: passive voice: "Die Sitzung des Beirats wird') }
		]);
		expect((await view('beirat', { plain: true })).content.html).toContain('Integrationsbeauftragten');
		// the other variants and the originals are never checked for Leichte Sprache
		expect(r.warnings.every((w) => w.file === f)).toBe(true);
		restore('01-beirat.de-x-ls.md');
		await importCourses(dir);
	});
});

describe('the version a learner reads', () => {
	it('follows the interface language, the Leichte Sprache preference and an explicit choice', async () => {
		const ar = await view('rechte', { locale: 'ar' });
		expect(ar).toMatchObject({ tag: 'ar', dir: 'rtl', title: 'الحقوق في اللجنة', notice: null });
		expect(ar.others.map((o) => [o.tag, o.name, o.href])).toEqual([
			['de', 'Deutsch', `/courses/${VARIANT_COURSE}/rechte?variant=de`],
			['de-x-ls', 'Leichte Sprache', `/courses/${VARIANT_COURSE}/rechte?variant=de-x-ls`]
		]);
		// the quiz carries no answers, and the lesson's key revision for grading
		expect(JSON.stringify(ar.content.quiz)).not.toContain('correct');
		expect(ar.content.revisionId).toBe((await cachedLessonContent(lesson('rechte').id))!.revisionId);

		expect(await view('rechte', { plain: true })).toMatchObject({ tag: 'de-x-ls', dir: 'ltr', title: 'Rechte im Aus·schuss', notice: null });
		// Leichte Sprache wins over the interface language while it is switched on
		expect((await view('rechte', { plain: true, locale: 'ar' })).tag).toBe('de-x-ls');
		expect((await view('rechte', { plain: true, explicit: 'ar' })).tag).toBe('ar');
		expect((await view('rechte', { locale: 'de' })).tag).toBe('de');
		expect((await view('rechte', { locale: 'de' })).others.map((o) => o.tag)).toEqual(['de-x-ls', 'ar']);
	});

	it('says so in the learner\'s language when their version is missing, and shows the original', async () => {
		const uk = await view('sitzung', { locale: 'uk' });
		expect(uk).toMatchObject({ tag: 'de', dir: 'ltr', title: 'Eine Sitzung vorbereiten', others: [] });
		expect(uk.notice).toBe('Цього уроку ще немає мовою: українська. Ви читаєте його мовою: німецька.');
		expect((await view('sitzung', { locale: 'ar' })).notice).toBe('هذا الدرس غير متوفر بعد باللغة العربية. أنت تقرأه باللغة الألمانية.');
		expect((await view('sitzung', { plain: true })).notice).toBe('Diese Lektion gibt es noch nicht in Leichter Sprache. Sie lesen sie auf Deutsch.');
		// a language the lesson does not have: the original, and the notice in that language
		const beirat = await view('beirat', { plain: false, locale: 'en' });
		expect(beirat.notice).toBe('This lesson is not available in English yet. You are reading it in German.');
		expect((await view('sitzung', { locale: 'de' })).notice).toBeNull();
	});
});

describe('one lesson, whatever version', () => {
	it('a quiz passed in Arabic completes the lesson; the course progress moves; German replays change nothing', async () => {
		const u = await learner('Amal Test');
		const l = lesson('rechte');
		const ar = await view('rechte', { locale: 'ar' });
		// what an Arabic reader ticks: the first option of question 1, the first two of question 2 (ids from the page)
		const q = ar.content.quiz!;
		const answers = { [q[0].id]: [q[0].options[0].id], [q[1].id]: [q[1].options[0].id, q[1].options[1].id] };
		const r = await submitQuiz(u.id, l.id, ar.content.revisionId, answers);
		expect(r).toMatchObject({ ok: true, passed: true, grade: { score: 100 } });
		if (!r.ok) return;
		// explanations in Arabic for the Arabic reader
		const local = await localiseGrade(r.grade, l.id, ar.content.revisionId, 'ar');
		expect(local.results[0].explanationHtml).toContain('للمجلس الاستشاري حق تقديم الطلبات');
		expect(r.grade.results[0].explanationHtml).toContain('Antragsrecht');
		expect((await lessonState(u.id, course.id, l.id)).done).toBe(true);
		expect((await enrolmentSummaries(u.id)).find((s) => s.courseId === course.id)).toMatchObject({ done: 1, total: 3, percent: 33 });

		// the German version of the same lesson is done too: a second pass changes nothing
		const de = await view('rechte', { locale: 'de' });
		const again = await submitQuiz(u.id, l.id, de.content.revisionId, answers);
		expect(again).toMatchObject({ ok: true, completion: { completedNow: false } });
		expect(await db().select().from(schema.lessonProgress).where(eq(schema.lessonProgress.userId, u.id))).toHaveLength(1);

		// the other two lessons in Leichte Sprache and Turkish finish the course and issue one certificate
		expect((await completeLesson(u.id, lesson('beirat').id, 'manual')).completedNow).toBe(true);
		const last = await completeLesson(u.id, lesson('sitzung').id, 'manual');
		expect(last).toMatchObject({ completedNow: true, courseCompletedNow: true });
		expect(await certificatesOf(u.id)).toHaveLength(1);
	});

	it('a wrong answer in Leichte Sprache fails like a wrong answer in German', async () => {
		const u = await learner();
		const ls = await view('rechte', { plain: true });
		const q = ls.content.quiz!;
		const r = await submitQuiz(u.id, lesson('rechte').id, ls.content.revisionId, { [q[0].id]: [q[0].options[1].id], [q[1].id]: [q[1].options[0].id] });
		expect(r).toMatchObject({ ok: true, passed: false, grade: { score: 0 } });
		expect((await lessonState(u.id, course.id, lesson('rechte').id)).done).toBe(false);
	});

	it('stops offering a variant whose quiz no longer fits the lesson (the import refuses the new original\'s old variants)', async () => {
		const l = lesson('rechte');
		put('02-rechte.md', original('02-rechte.md').replace('- [ ] Der Beirat ersetzt den Gemeinderat', '- [ ] Der Beirat ersetzt den Gemeinderat\n- [ ] Der Beirat wählt den Bürgermeister'));
		const r = await importCourses(dir);
		expect(r.errors.map((e) => e.file).sort()).toEqual([`${M}/02-rechte.ar.md`, `${M}/02-rechte.de-x-ls.md`]);
		const ar = await view('rechte', { locale: 'ar' });
		expect(ar.tag).toBe('de');
		expect(ar.notice).toContain('العربية');
		expect(ar.others).toEqual([]);
		restore('02-rechte.md');
		await importCourses(dir);
		expect((await view('rechte', { locale: 'ar' })).tag).toBe('ar');
		expect(l.id).toBe(lesson('rechte').id);
	});
});
