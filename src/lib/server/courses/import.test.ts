import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { db, schema } from '../db';
import { importCourses } from './import';
import { copyFixture, FIXTURE_COURSE, learner } from './test-helpers';
import { completeLesson } from './progress';
import { allCourses, courseOutline, searchCourses } from './catalogue';

const M1 = `courses/${FIXTURE_COURSE}/01-grundlagen`;
async function lessonBy(identity: string) {
	return (await db().select().from(schema.lessons).where(eq(schema.lessons.identity, identity)).limit(1))[0];
}
async function revisionCount() {
	return Number((await db().all<{ n: number }>(sql`select count(*) as n from lesson_revisions`))[0].n);
}

describe('content import', () => {
	const dir = copyFixture();

	it('imports the fixture, then writes nothing when nothing changed', async () => {
		const first = await importCourses(dir);
		expect(first).toMatchObject({ imported: 4, archived: 0, errors: [] });
		const revs = await revisionCount();
		const again = await importCourses(dir);
		expect(again).toMatchObject({ imported: 0, unchanged: 4, errors: [] });
		const forced = await importCourses(dir, { force: true });
		expect(forced).toMatchObject({ imported: 0, unchanged: 4, errors: [] });
		expect(await revisionCount()).toBe(revs);
		const outline = await courseOutline(FIXTURE_COURSE);
		expect(outline?.lessons.map((l) => l.slug)).toEqual(['was-ist-ein-beirat', 'rechte', 'sitzung-leiten', 'protokoll']);
		expect(outline?.modules.map((m) => m.title)).toEqual(['Grundlagen', 'Praxis']);
		expect((await allCourses()).map((c) => [c.slug, c.lessonCount])).toEqual([[FIXTURE_COURSE, 4]]);
	});

	it('makes every change a new revision and keeps identity when files are renumbered', async () => {
		const before = await lessonBy(`${FIXTURE_COURSE}/was-ist-ein-beirat`);
		const file = path.join(dir, M1, '01-was-ist-ein-beirat.md');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\nEin neuer Absatz.\n');
		fs.renameSync(file, path.join(dir, M1, '05-was-ist-ein-beirat.md'));
		const r = await importCourses(dir);
		expect(r).toMatchObject({ imported: 1, unchanged: 3, archived: 0 });
		const after = await lessonBy(`${FIXTURE_COURSE}/was-ist-ein-beirat`);
		expect(after.id).toBe(before.id);
		expect(after.publishedRevisionId).not.toBe(before.publishedRevisionId);
		const revs = await db().select().from(schema.lessonRevisions).where(eq(schema.lessonRevisions.lessonId, before.id));
		expect(revs).toHaveLength(2);
		expect(revs.every((x) => x.origin === 'import')).toBe(true);
		expect((await courseOutline(FIXTURE_COURSE))?.lessons[1].slug).toBe('was-ist-ein-beirat');
	});

	it('refuses a broken lesson with file and line, keeps its last good revision live and imports the rest', async () => {
		const rechte = await lessonBy(`${FIXTURE_COURSE}/rechte`);
		const file = path.join(dir, M1, '02-rechte.md');
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('- [x] Anträge stellen', '- [ ] Anträge stellen'));
		const other = path.join(dir, `courses/${FIXTURE_COURSE}/02-praxis/02-protokoll.md`);
		fs.writeFileSync(other, fs.readFileSync(other, 'utf8') + '\nNeu.\n');
		const r = await importCourses(dir);
		expect(r.errors).toMatchObject([{ file: `${M1}/02-rechte.md`, line: 10, reason: expect.stringContaining('no right option') }]);
		expect(r.imported).toBe(1);
		expect(r.archived).toBe(0);
		const still = await lessonBy(`${FIXTURE_COURSE}/rechte`);
		expect(still.publishedRevisionId).toBe(rechte.publishedRevisionId);
		expect(still.archivedAt).toBeNull();
		// the problem is reported again by a fast, unchanged start
		expect((await importCourses(dir)).errors).toHaveLength(1);
	});

	it('archives a removed lesson, keeps progress on it, and does not count it', async () => {
		const user = await learner();
		const protokoll = await lessonBy(`${FIXTURE_COURSE}/protokoll`);
		await completeLesson(user.id, protokoll.id, 'manual');
		fs.rmSync(path.join(dir, `courses/${FIXTURE_COURSE}/02-praxis/02-protokoll.md`));
		const r = await importCourses(dir);
		expect(r.archived).toBe(1);
		const gone = await lessonBy(`${FIXTURE_COURSE}/protokoll`);
		expect(gone.archivedAt).not.toBeNull();
		const progress = await db().select().from(schema.lessonProgress).where(eq(schema.lessonProgress.userId, user.id));
		expect(progress).toHaveLength(1);
		expect((await courseOutline(FIXTURE_COURSE))?.lessons.map((l) => l.slug)).not.toContain('protokoll');
	});

	it('finds courses by prefix of words in titles, topics and lesson text', async () => {
		const course = (await courseOutline(FIXTURE_COURSE))!;
		expect(await searchCourses('Sitzu')).toEqual([course.id]);
		expect(await searchCourses('tagesord')).toEqual([course.id]);
		expect(await searchCourses('antrag')).toEqual([course.id]);
		expect(await searchCourses('xylophon')).toEqual([]);
		expect(await searchCourses('"; drop table courses; --')).toEqual([]);
	});
});
