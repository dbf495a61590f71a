// Course packs' revision (issue 12): it changes with what the stored pages show — a lesson's published text, the
// reader's language or Leichte Sprache — and only then, so a stored pack is fetched again exactly when it is out of date.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { importCourses } from '../courses/import';
import { copyFixture, FIXTURE_COURSE } from '../courses/test-helpers';
import { courseOutline } from '../courses/catalogue';
import { bumpContentVersion } from '../courses/cache';
import { packInfo } from './packs';

const de = { locale: 'de', plainLanguage: false };
let dir: string;

beforeAll(async () => {
	dir = copyFixture();
	expect((await importCourses(dir)).errors).toEqual([]);
});

describe('packInfo', () => {
	it('lists the course page and every lesson, with a size estimate', async () => {
		const course = (await courseOutline(FIXTURE_COURSE))!;
		const info = await packInfo(course, de);
		expect(info.pages[0]).toEqual({ href: `/courses/${FIXTURE_COURSE}`, title: course.title });
		expect(info.pages.slice(1).map((p) => p.href)).toEqual(course.lessons.map((l) => `/courses/${FIXTURE_COURSE}/${l.slug}`));
		expect(info.estimate).toBeGreaterThan(info.pages.length * 10_000);
		expect((await packInfo(course, de)).revision).toBe(info.revision);
	});

	it('changes its revision with the reader’s language and Leichte Sprache, and with a newly published lesson text', async () => {
		const course = (await courseOutline(FIXTURE_COURSE))!;
		const before = (await packInfo(course, de)).revision;
		expect((await packInfo(course, { locale: 'ar', plainLanguage: false })).revision).not.toBe(before);
		expect((await packInfo(course, { locale: 'de', plainLanguage: true })).revision).not.toBe(before);
		const file = `${dir}/courses/${FIXTURE_COURSE}/01-grundlagen/01-was-ist-ein-beirat.md`;
		fs.writeFileSync(file, fs.readFileSync(file, 'utf8') + '\nEin neuer Absatz.\n');
		expect((await importCourses(dir)).errors).toEqual([]);
		bumpContentVersion();
		const changed = (await courseOutline(FIXTURE_COURSE))!;
		expect((await packInfo(changed, de)).revision).not.toBe(before);
	});
});
