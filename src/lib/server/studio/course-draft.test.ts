import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema, write } from '../db';
import { publishLesson } from './publish';
import { setCourseDraft, studioCourses } from './courses';
import { studioCourse, text, trainer } from './test-helpers';
import { canSeeCourse, courseOutline, searchCourses } from '../courses/catalogue';
import { visibleCourses } from '../courses/visibility';
import { issueCertificate } from '../courses/certificates';
import { parseCourse } from '../../content/lesson';
import { courseSchema, formatHoursInput, parseDecimal } from './schemas';

describe('a course as a draft', () => {
	it('starts as a draft: not listed, not searchable, not visible even to admins on learner pages; the studio lists it', async () => {
		const t = await trainer();
		const admin = await trainer('Admin', 'admin');
		const learner = await trainer('Lena', 'learner');
		const { course, lesson } = await studioCourse(t, undefined, { draft: true });
		await publishLesson(t, course, lesson, { ...text(), baseRevisionId: null });
		const outline = (await courseOutline(course.slug))!;
		expect(outline.draft).toBe(true);
		for (const who of [null, learner, t, admin]) {
			expect((await visibleCourses(who)).map((c) => c.slug)).not.toContain(course.slug);
			expect(await canSeeCourse(outline, who?.id ?? null, who?.role)).toBe(false);
		}
		// search hits are ids: the catalogue keeps only those among the visible courses, which never hold a draft
		expect(await searchCourses('Studio-Kurs')).toContain(course.id);
		expect((await visibleCourses(admin)).some((c) => c.id === course.id)).toBe(false);
		expect((await studioCourses(t)).find((c) => c.slug === course.slug)).toMatchObject({ unpublished: true });
		// publishing makes it visible at once, withdrawing hides it again
		await setCourseDraft(t.id, course.id, false);
		expect((await visibleCourses(learner)).map((c) => c.slug)).toContain(course.slug);
		expect(await canSeeCourse((await courseOutline(course.slug))!, learner.id, learner.role)).toBe(true);
		await setCourseDraft(t.id, course.id, true);
		expect((await visibleCourses(null)).map((c) => c.slug)).not.toContain(course.slug);
		const audit = await db().select().from(schema.auditLog).where(eq(schema.auditLog.target, course.id));
		expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['studio.course.publish', 'studio.course.unpublish']));
	});

	it('issues no certificate for a draft course', async () => {
		const t = await trainer();
		const learner = await trainer('Lena', 'learner');
		const { course } = await studioCourse(t, undefined, { draft: true });
		expect(await write((tx) => issueCertificate(tx, learner.id, course.id, Date.now()))).toBeNull();
		await setCourseDraft(t.id, course.id, false);
		expect(await write((tx) => issueCertificate(tx, learner.id, course.id, Date.now()))).toEqual(expect.any(String));
	});

	it('reads `draft: true` from course.md; without it an imported course is published', () => {
		const src = (extra: string) => `---\ntitle: Kurs\nsummary: Ein Kurs.\nlanguage: de\nlevel: beginner\nhours: 2\n${extra}---\nText.\n`;
		expect(parseCourse(src('draft: true\n'), 'course.md')).toMatchObject({ ok: true, value: { draft: true } });
		expect(parseCourse(src(''), 'course.md')).toMatchObject({ ok: true, value: { draft: false } });
		expect(parseCourse(src('draft: ja\n'), 'course.md')).toMatchObject({ ok: false });
	});
});

describe('hours as people type them', () => {
	const base = { title: 'Kurs', summary: 'Ein Kurs.', language: 'de', level: 'beginner', passScore: '70', visibility: 'public' };
	it('stores "1,5" and "1.5" as one and a half hours, never 15', () => {
		expect(courseSchema.parse({ ...base, hours: '1,5' }).hours).toBe(1.5);
		expect(courseSchema.parse({ ...base, hours: ' 1.5 ' }).hours).toBe(1.5);
		expect(courseSchema.parse({ ...base, hours: '15' }).hours).toBe(15);
		expect(parseDecimal('٢')).toBeNaN();
	});
	it('refuses what it cannot read without guessing', () => {
		for (const bad of ['1.000,5', '1,5,0', '1,5 h', '', 'eins', '-1', '0']) expect(courseSchema.safeParse({ ...base, hours: bad }).success, bad).toBe(false);
	});
	it('shows stored hours with the locale decimal comma, which reads back the same', () => {
		expect(formatHoursInput(1.5, 'de')).toBe('1,5');
		expect(formatHoursInput(1.5, 'en')).toBe('1.5');
		expect(parseDecimal(formatHoursInput(2.25, 'de'))).toBe(2.25);
	});
});
