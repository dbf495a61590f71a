// Who may be named in analytics: learners of the trainer's councils or own courses; the rest only as counts.
import { beforeAll, describe, expect, it } from 'vitest';
import { importCourses } from '../courses/import';
import { courseOutline, type CourseOutline } from '../courses/catalogue';
import { addCourseOwner } from '../courses/ownership';
import { completeLesson, enrol } from '../courses/progress';
import { copyFixture, FIXTURE_COURSE, learner } from '../courses/test-helpers';
import { createUser } from '../auth/accounts';
import { addMember, createCouncil } from '../admin/councils';
import { analyticsCourses, canNameLearner, courseForAnalytics } from './access';
import { courseLearners, learnerDetail, nameableLearners } from './learners';
import { csvCell, csvFileName, toCsv } from './csv';

let course: CourseOutline;
let n = 0;
async function user(role: 'trainer' | 'admin' | 'learner', name: string) {
	const r = await createUser({ email: `acc-${process.pid}-${n++}@example.org`, password: 'ein langes Passwort', displayName: name, role });
	if (!r.ok) throw new Error(r.reason);
	return { id: r.user.id, role, email: r.user.email };
}

let owner: Awaited<ReturnType<typeof user>>, councilTrainer: typeof owner, stranger: typeof owner, admin: typeof owner;
let inCourse: { id: string }, inCouncil: { id: string }, outsider: { id: string };

beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
	[owner, councilTrainer, stranger, admin] = [await user('trainer', 'Owner'), await user('trainer', 'Council Trainer'), await user('trainer', 'Stranger'), await user('admin', 'Admin')];
	await addCourseOwner(course.id, owner.id, 'co-owner');
	inCourse = await learner('Anna Kurs');
	inCouncil = await learner('Bora Beirat');
	outsider = await learner('Cem Draußen');
	await enrol(inCourse.id, course.id);
	await completeLesson(inCourse.id, course.lessons[0].id, 'manual');
	const council = await createCouncil(admin.id, { name: 'Beirat Test', city: 'Halle' });
	if (!council.ok) throw new Error('council');
	await addMember(admin.id, council.id, councilTrainer.email, 'trainer');
	const m = await addMember(admin.id, council.id, (await emailOf(inCouncil.id))!, 'member');
	expect(m.ok).toBe(true);
	// the council member and the outsider take the course too; only the owner may name the outsider
	await enrol(inCouncil.id, course.id);
	await enrol(outsider.id, course.id);
});

async function emailOf(id: string) {
	const { db, schema } = await import('../db');
	const { eq } = await import('drizzle-orm');
	return (await db().select({ e: schema.users.email }).from(schema.users).where(eq(schema.users.id, id)))[0]?.e;
}

describe('analytics access', () => {
	it('gives a trainer their own courses only; admins every course', async () => {
		expect((await analyticsCourses(owner)).map((c) => c.id)).toEqual([course.id]);
		expect(await analyticsCourses(stranger)).toEqual([]);
		expect(await analyticsCourses(councilTrainer)).toEqual([]);
		expect((await analyticsCourses(admin)).map((c) => c.id)).toEqual([course.id]);
		expect(await courseForAnalytics(owner, course.id)).toMatchObject({ id: course.id });
		expect(await courseForAnalytics(stranger, course.id)).toBeNull();
		expect(await courseForAnalytics({ id: inCourse.id, role: 'learner' }, course.id)).toBeNull();
		expect(await courseForAnalytics(owner, 'x'.repeat(500))).toBeNull();
	});

	it('names the learners of the owner’s course with their progress', async () => {
		const { named, others } = await courseLearners(owner, course.id);
		expect(named.map((l) => [l.name, l.done, l.total])).toEqual([
			['Anna Kurs', 1, course.lessons.length],
			['Bora Beirat', 0, course.lessons.length],
			['Cem Draußen', 0, course.lessons.length]
		]);
		expect(others).toBe(0);
	});

	it('lets a council trainer name council members only, and a stranger nobody', async () => {
		expect((await nameableLearners(councilTrainer)).rows.map((l) => l.name)).toEqual(['Bora Beirat']);
		expect((await nameableLearners(stranger)).rows).toEqual([]);
		expect(await canNameLearner(councilTrainer, inCouncil.id)).toBe(true);
		for (const id of [inCourse.id, outsider.id, owner.id, 'guessed-id', "' or 1=1 --"]) {
			expect(await canNameLearner(councilTrainer, id)).toBe(false);
			expect(await learnerDetail(councilTrainer, id)).toBeNull();
			expect(await learnerDetail(stranger, id)).toBeNull();
		}
		expect(await learnerDetail(councilTrainer, inCouncil.id)).toMatchObject({ name: 'Bora Beirat', courses: [{ courseId: course.id, done: 0 }] });
		// a stranger asking for the owner's course list gets counts only
		const asStranger = await courseLearners(stranger, course.id);
		expect(asStranger).toEqual({ named: [], others: 3 });
		const asCouncil = await courseLearners(councilTrainer, course.id);
		expect(asCouncil.named.map((l) => l.name)).toEqual(['Bora Beirat']);
		expect(asCouncil.others).toBe(2);
	});

	it('pages and searches the people a trainer may name', async () => {
		// 55 more learners of the owner's course: two pages of 50
		for (let i = 0; i < 55; i++) {
			const l = await learner(`Zeynep ${String(i).padStart(2, '0')}`);
			await enrol(l.id, course.id);
		}
		const first = await nameableLearners(owner);
		expect(first.total).toBe(58);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(50);
		expect(first.rows[0].name).toBe('Anna Kurs');
		const second = await nameableLearners(owner, { page: 2 });
		expect(second.rows.map((r) => r.name)).toEqual(['Zeynep 47', 'Zeynep 48', 'Zeynep 49', 'Zeynep 50', 'Zeynep 51', 'Zeynep 52', 'Zeynep 53', 'Zeynep 54']);
		expect((await nameableLearners(owner, { q: 'bora' })).rows.map((r) => r.name)).toEqual(['Bora Beirat']);
		// LIKE wildcards in the search match only themselves
		expect((await nameableLearners(owner, { q: '%' })).total).toBe(0);
		// the search never widens who may be named
		expect((await nameableLearners(councilTrainer, { q: 'Zeynep' })).total).toBe(0);
		// the CSV of the course lists every named learner, the page the first LEARNER_LIMIT
		expect((await courseLearners(owner, course.id, { all: true })).named).toHaveLength(58);
	});

	it('loses council names when the trainer is demoted to learner', async () => {
		const { write, schema } = await import('../db');
		const { eq } = await import('drizzle-orm');
		await write((tx) => tx.update(schema.users).set({ role: 'learner' }).where(eq(schema.users.id, councilTrainer.id)));
		expect((await nameableLearners({ id: councilTrainer.id, role: 'trainer' })).rows).toEqual([]);
		await write((tx) => tx.update(schema.users).set({ role: 'trainer' }).where(eq(schema.users.id, councilTrainer.id)));
	});

	it('shows a learner known from the trainer’s course only with that course', async () => {
		expect((await learnerDetail(owner, inCourse.id))?.courses.map((c) => c.courseId)).toEqual([course.id]);
		expect((await learnerDetail(admin, outsider.id))?.name).toBe('Cem Draußen');
	});
});

describe('CSV', () => {
	it('quotes separators and defuses formulas', () => {
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
		expect(csvCell('+1')).toBe("'+1");
		expect(csvCell('-2')).toBe("'-2");
		expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
		expect(csvCell(-2)).toBe('-2');
		expect(csvCell(null)).toBe('');
		expect(csvCell('zwei\nZeilen')).toBe('"zwei\nZeilen"');
		expect(toCsv(['a', 'b'], [[1, 'x']])).toBe('\uFEFFa,b\r\n1,x\r\n');
		expect(csvFileName('funnel', 'Grundlagen für Beiräte')).toBe('funnel-Grundlagen-fur-Beirate.csv');
	});
});
