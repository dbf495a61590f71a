// Course covers (course.md `cover:` + `cover_alt:`): checked at import, stored content-addressed under MEDIA_DIR,
// named in the catalogue with their alt text and size. A cover without alt text is refused like an image in a lesson.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { config } from '../config';
import { parseCourse } from '../../content/lesson';
import { importCourses } from './import';
import { allCourses, courseOutline } from './catalogue';
import { copyFixture, FIXTURE_COURSE } from './test-helpers';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
// a real JPEG: the demo course's cover (960×540)
const JPEG = fs.readFileSync(path.join(ROOT, 'content/courses/grundlagen-der-beiratsarbeit/cover.jpg'));

/** A PNG header (all imageInfo reads): a tiny picture of `w`×`h`. */
function pngHeader(w: number, h: number) {
	const b = Buffer.alloc(33);
	b.writeUInt32BE(0x89504e47, 0);
	b.writeUInt32BE(0x0d0a1a0a, 4);
	b.writeUInt32BE(13, 8);
	b.write('IHDR', 12, 'ascii');
	b.writeUInt32BE(w, 16);
	b.writeUInt32BE(h, 20);
	return b;
}

const HEAD = `---\ntitle: Kurs\nsummary: Text\nlanguage: de\nlevel: beginner\nhours: 1\n`;

describe('course.md: cover and cover_alt', () => {
	it('takes a cover with its alt text', () => {
		const r = parseCourse(`${HEAD}cover: cover.jpg\ncover_alt: "Neun Personen an einem runden Tisch"\n---\nText\n`, 'courses/k/course.md');
		expect(r.ok && r.value.cover).toEqual({ file: 'cover.jpg', alt: 'Neun Personen an einem runden Tisch', line: 7 });
	});
	it('refuses a cover without alt text, naming the file and the line of cover:', () => {
		for (const alt of ['', 'cover_alt: ""\n', 'cover_alt: "   "\n']) {
			const r = parseCourse(`${HEAD}cover: cover.jpg\n${alt}---\nText\n`, 'courses/k/course.md');
			expect(r.ok).toBe(false);
			expect(!r.ok && r.errors).toEqual([{ file: 'courses/k/course.md', line: 7, reason: expect.stringContaining('has no alt text') }]);
		}
	});
	it('refuses alt text without a cover, and a cover that is no image file name beside course.md', () => {
		const alone = parseCourse(`${HEAD}cover_alt: Ein Bild\n---\n`, 'courses/k/course.md');
		expect(!alone.ok && alone.errors[0]).toMatchObject({ line: 7, reason: expect.stringContaining('without "cover"') });
		for (const name of ['../geheim.jpg', 'bilder/cover.jpg', 'cover.svg', 'cover.gif']) {
			const r = parseCourse(`${HEAD}cover: ${name}\ncover_alt: Ein Bild\n---\n`, 'courses/k/course.md');
			expect(!r.ok && r.errors[0]).toMatchObject({ line: 7, reason: expect.stringContaining('JPEG or PNG') });
		}
	});
	it('a course without a cover stays valid', () => {
		const r = parseCourse(`${HEAD}---\nText\n`, 'courses/k/course.md');
		expect(r.ok && r.value.cover).toBeNull();
	});
});

describe('importing covers', () => {
	const dir = copyFixture();
	const courseDir = path.join(dir, 'courses', FIXTURE_COURSE);
	const courseMd = path.join(courseDir, 'course.md');
	const original = fs.readFileSync(courseMd, 'utf8');
	const withCover = (fm: string) => fs.writeFileSync(courseMd, original.replace('demo: true\n', `demo: true\n${fm}`));
	const row = async () => (await db().select().from(schema.courses).where(eq(schema.courses.slug, FIXTURE_COURSE)).limit(1))[0];

	it('stores the picture in a content-hashed media folder and shows it in the catalogue with alt text and size', async () => {
		fs.writeFileSync(path.join(courseDir, 'cover.jpg'), JPEG);
		withCover('cover: cover.jpg\ncover_alt: Neun Personen an einem runden Tisch\n');
		const r = await importCourses(dir);
		expect(r.errors).toEqual([]);
		const c = await row();
		expect(c.coverPath).toMatch(/^[0-9a-f]{32}\/cover\.jpg$/);
		expect(fs.readFileSync(path.join(config.mediaDir, c.coverPath!))).toEqual(JPEG);
		const card = (await allCourses()).find((x) => x.slug === FIXTURE_COURSE);
		expect(card?.cover).toEqual({ src: `/media/${c.coverPath}`, alt: 'Neun Personen an einem runden Tisch', width: 960, height: 540 });
		expect((await courseOutline(FIXTURE_COURSE))?.cover?.alt).toBe('Neun Personen an einem runden Tisch');
	});

	it('a new picture under the same name is a change (course.md untouched)', async () => {
		const before = (await row()).coverPath;
		// the same JPEG with a comment segment after SOI: other bytes, same size
		fs.writeFileSync(path.join(courseDir, 'cover.jpg'), Buffer.concat([JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe, 0x00, 0x06, 0x6e, 0x65, 0x75, 0x21]), JPEG.subarray(2)]));
		expect((await importCourses(dir)).errors).toEqual([]);
		const after = (await row()).coverPath;
		expect(after).not.toBe(before);
		expect(fs.existsSync(path.join(config.mediaDir, after!))).toBe(true);
	});

	it('refuses a cover without alt text, a missing file, a non-image and a picture too small; the last good cover stays', async () => {
		const good = await row();
		const cases: [string, () => void, string][] = [
			['cover: cover.jpg\n', () => {}, 'has no alt text'],
			['cover: fehlt.jpg\ncover_alt: Ein Bild\n', () => {}, 'does not exist'],
			['cover: kaputt.png\ncover_alt: Ein Bild\n', () => fs.writeFileSync(path.join(courseDir, 'kaputt.png'), 'kein Bild'), 'not a PNG or JPEG'],
			['cover: klein.png\ncover_alt: Ein Bild\n', () => fs.writeFileSync(path.join(courseDir, 'klein.png'), pngHeader(100, 100)), '100×100 px'],
			['cover: riesig.jpg\ncover_alt: Ein Bild\n', () => fs.writeFileSync(path.join(courseDir, 'riesig.jpg'), Buffer.concat([JPEG, Buffer.alloc(600 * 1024)])), 'at most 512 KB']
		];
		for (const [fm, prepare, reason] of cases) {
			prepare();
			withCover(fm);
			const r = await importCourses(dir);
			expect(r.errors, fm).toEqual([{ file: `courses/${FIXTURE_COURSE}/course.md`, line: expect.any(Number), reason: expect.stringContaining(reason) }]);
			// the line named is the one with cover:
			expect(fs.readFileSync(courseMd, 'utf8').split('\n')[r.errors[0].line - 1]).toMatch(/^cover: /);
			const c = await row();
			expect([c.coverPath, c.coverAlt]).toEqual([good.coverPath, good.coverAlt]);
		}
	});

	it('removing cover: removes the picture from the course', async () => {
		fs.writeFileSync(courseMd, original);
		expect((await importCourses(dir)).errors).toEqual([]);
		const c = await row();
		expect([c.coverPath, c.coverAlt, c.coverWidth]).toEqual([null, '', null]);
		expect((await allCourses()).find((x) => x.slug === FIXTURE_COURSE)?.cover).toBeNull();
	});
});
