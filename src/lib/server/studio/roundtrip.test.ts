import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
import { db, schema } from '../db';
import { importCourses } from '../courses/import';
import { completeLesson, lessonState } from '../courses/progress';
import { copyFixture, FIXTURE_COURSE, learner } from '../courses/test-helpers';
import { exportCourseZip } from './export';
import { importCourseZip, readCourseZip } from './zip-import';
import { publishLesson } from './publish';
import { courseForEdit, lessonForEdit } from './access';
import { createLesson } from './structure';
import { studioCourse, text, trainer } from './test-helpers';
import { lessonHistory } from './history';

const lessonsOf = async (courseId: string) =>
	(await db().select().from(schema.lessons).where(eq(schema.lessons.courseId, courseId))).map((l) => ({ id: l.id, identity: l.identity, slug: l.slug, title: l.title, archived: l.archivedAt !== null })).sort((a, b) => a.identity.localeCompare(b.identity));

describe('round trip: studio → zip → studio or content/', () => {
	it('exports the content format and re-imports it with the same identities, so progress survives', async () => {
		const t = await trainer();
		const { course, lesson, moduleId } = await studioCourse(t, 'rundreise');
		const p = await publishLesson(t, course, lesson, { ...text(), baseRevisionId: null });
		if (!p.ok) throw new Error('publish');
		await createLesson(t.id, course, { moduleId, title: 'Zweite Lektion', slug: 'zweite' });
		const second = (await lessonForEdit(t, 'rundreise', 'zweite', 'de')).lesson;
		await publishLesson(t, course, second, { ...text('Nur Text, kein Quiz.\n', 'Zweite Lektion'), baseRevisionId: null });
		const l = await learner();
		await completeLesson(l.id, second.id, 'manual');

		const zip = await exportCourseZip(course.id);
		const names = Object.keys(unzipSync(zip)).sort();
		expect(names).toEqual(['courses/rundreise/01-grundlagen/01-beraten.md', 'courses/rundreise/01-grundlagen/02-zweite.md', 'courses/rundreise/01-grundlagen/module.md', 'courses/rundreise/course.md']);
		expect(strFromU8(unzipSync(zip)['courses/rundreise/01-grundlagen/01-beraten.md'])).toMatch(/^---\ntitle: Beraten\nduration: 7\nsummary_en: Advising.\nid: rundreise\/beraten\n---\n/);
		const before = await lessonsOf(course.id);
		const revisionsBefore = (await db().select().from(schema.lessonRevisions)).length;

		// back into the studio: same lessons, nothing new to write, progress intact
		const again = await importCourseZip(t, zip);
		expect(again).toMatchObject({ ok: true, slug: 'rundreise', created: false });
		expect(await lessonsOf(course.id)).toEqual(before);
		expect((await db().select().from(schema.lessonRevisions)).length).toBe(revisionsBefore);
		expect((await lessonState(l.id, course.id, second.id)).done).toBe(true);

		// the same files as a content/ folder: `npm run content:import` keeps the course and its identities
		const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'export-'));
		for (const [name, data] of Object.entries(unzipSync(zip))) {
			fs.mkdirSync(path.join(dir, path.dirname(name)), { recursive: true });
			fs.writeFileSync(path.join(dir, name), data);
		}
		const r = await importCourses(dir);
		expect(r.errors).toEqual([]);
		expect(await lessonsOf(course.id)).toEqual(before);
		expect((await db().select().from(schema.lessonRevisions)).length).toBe(revisionsBefore);
		expect((await courseForEdit(t, 'rundreise', 'de')).archivedAt).toBeNull();
		expect((await lessonState(l.id, course.id, second.id)).done).toBe(true);
	});

	it('creates a new studio course from a zip, owned by the uploader', async () => {
		const t = await trainer();
		const files = {
			'courses/aus-zip/course.md': strToU8('---\ntitle: Aus dem Zip\nsummary: Demo.\nlanguage: de\nlevel: beginner\nhours: 1\n---\n'),
			'courses/aus-zip/01-m/module.md': strToU8('---\ntitle: M\n---\n'),
			'courses/aus-zip/01-m/01-eins.md': strToU8('---\ntitle: Eins\nduration: 3\n---\nText.\n')
		};
		const r = await importCourseZip(t, zipSync(files));
		expect(r).toMatchObject({ ok: true, slug: 'aus-zip', created: true, imported: 1 });
		const c = await courseForEdit(t, 'aus-zip', 'de');
		expect(c.origin).toBe('studio');
		// another trainer may not overwrite it with a zip of the same course
		expect(await importCourseZip(await trainer(), zipSync(files))).toMatchObject({ ok: false, error: 'studio_zip_forbidden' });
	});

	it('refuses unsafe or foreign zips and changes nothing', async () => {
		const t = await trainer();
		const ok = '---\ntitle: X\nsummary: Demo.\nlanguage: de\nlevel: beginner\nhours: 1\n---\n';
		for (const name of ['../evil/course.md', '/etc/passwd', 'courses/x/../../y/course.md', 'courses/x/notes.txt', 'courses/X/course.md', 'courses\\x\\course.md']) {
			const zip = zipSync({ 'courses/x/course.md': strToU8(ok), [name]: strToU8('x') });
			expect(readCourseZip(zip), name).toMatchObject({ ok: false, error: 'studio_zip_names' });
		}
		expect(readCourseZip(strToU8('no zip'))).toMatchObject({ ok: false, error: 'studio_zip_invalid' });
		expect(readCourseZip(zipSync({ 'a/course.md': strToU8(ok), 'b/course.md': strToU8(ok) }))).toMatchObject({ ok: false, error: 'studio_zip_one_course' });
		// a lesson `id` naming another course's lesson would steal its progress: refused
		const victim = await studioCourse(t, 'opfer');
		const steal = zipSync({ 'dieb/course.md': strToU8(ok), 'dieb/01-m/module.md': strToU8('---\ntitle: M\n---\n'), 'dieb/01-m/01-x.md': strToU8(`---\ntitle: X\nduration: 3\nid: ${victim.lesson.identity}\n---\nx\n`) });
		expect(await importCourseZip(t, steal)).toMatchObject({ ok: false, error: 'studio_zip_problems' });
		expect((await db().select().from(schema.courses).where(eq(schema.courses.slug, 'dieb'))).length).toBe(0);
		// a broken quiz refuses the whole zip with file and line
		const broken = zipSync({ 'kaputt/course.md': strToU8(ok), 'kaputt/01-m/module.md': strToU8('---\ntitle: M\n---\n'), 'kaputt/01-m/01-x.md': strToU8('---\ntitle: X\nduration: 3\n---\n## Quiz\n\n### Frage\n\n- [ ] a\n- [ ] b\n') });
		expect(await importCourseZip(t, broken)).toMatchObject({ ok: false, error: 'studio_zip_problems', problems: [{ file: 'courses/kaputt/01-m/01-x.md', line: 7 }] });
		expect((await db().select().from(schema.courses).where(eq(schema.courses.slug, 'kaputt'))).length).toBe(0);
	});
});

describe('content/ import against studio edits', () => {
	it('keeps a studio revision while the file is unchanged, publishes a changed file on top and keeps the studio one in history', async () => {
		const dir = copyFixture();
		await importCourses(dir);
		const admin = await trainer('Admin', 'admin');
		const { course, lesson } = await lessonForEdit(admin, FIXTURE_COURSE, 'protokoll', 'de');
		const edit = await publishLesson(admin, course, lesson, { ...text('Im Studio verbessert.\n', 'Protokoll'), baseRevisionId: lesson.publishedRevisionId });
		if (!edit.ok) throw new Error('publish');
		// another file changes: the tree hash differs, but this lesson's file does not
		const other = path.join(dir, `courses/${FIXTURE_COURSE}/01-grundlagen/01-was-ist-ein-beirat.md`);
		fs.appendFileSync(other, '\nNoch ein Satz.\n');
		const r1 = await importCourses(dir);
		expect(r1).toMatchObject({ imported: 1, notices: [] });
		expect((await lessonForEdit(admin, FIXTURE_COURSE, 'protokoll', 'de')).lesson.publishedRevisionId).toBe(edit.revisionId);
		expect((await importCourses(dir, { force: true })).imported).toBe(0);

		// now the file itself changes: it wins, the studio revision stays in the history
		const file = path.join(dir, `courses/${FIXTURE_COURSE}/02-praxis/02-protokoll.md`);
		fs.appendFileSync(file, '\nAus der Datei.\n');
		const r2 = await importCourses(dir);
		expect(r2.notices).toEqual([{ file: `courses/${FIXTURE_COURSE}/02-praxis/02-protokoll.md`, line: 1, reason: expect.stringContaining('last published in the studio') }]);
		const after = (await lessonForEdit(admin, FIXTURE_COURSE, 'protokoll', 'de')).lesson;
		expect(after.publishedRevisionId).not.toBe(edit.revisionId);
		const history = await lessonHistory(after);
		expect(history.map((h) => h.origin)).toEqual(['import', 'studio', 'import']);
		expect(history.some((h) => h.id === edit.revisionId)).toBe(true);
	});
});
