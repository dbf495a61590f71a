// Reads content/courses/ from disk: a hash of the whole tree (fast "nothing changed" check) and every file parsed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { numbered, parseCourse, parseLesson, parseModule, PARSER_VERSION, SLUG_RE, type ContentProblem, type CourseMeta, type ModuleMeta, type ParsedLesson } from '../../content/lesson';
import { parseLessonFileName, type VariantTag } from '../../content/languages';
import { parseVariant, type ParsedVariant } from '../../content/variant';
import { describePlainWarning } from '../../content/leichte-sprache';
import { imageInfo } from '../media/image-size';

export interface ScannedVariant {
	file: string;
	tag: VariantTag;
	/** null when the file or its original is broken: its last good revision stays live */
	variant: ParsedVariant | null;
}
export interface ScannedLesson {
	file: string;
	/** the identity it would have without a front matter `id` (to protect a broken file's lesson from archiving) */
	defaultIdentity: string;
	position: number;
	lesson: ParsedLesson | null;
	/** `NN-lesson.<tag>.md` files beside it */
	variants: ScannedVariant[];
	/** a variant file of this lesson was refused for its name: the import then archives none of its variants */
	keepVariants?: boolean;
}
export interface ScannedModule {
	slug: string;
	position: number;
	file: string;
	meta: ModuleMeta | null;
	lessons: ScannedLesson[];
}
export interface ScannedCover {
	bytes: Buffer;
	type: 'image/png' | 'image/jpeg';
	width: number;
	height: number;
	alt: string;
	/** sha-256 of the bytes (hex): the media folder it is stored in */
	hash: string;
}
export interface ScannedCourse {
	slug: string;
	file: string;
	meta: CourseMeta | null;
	/** the checked cover image (course.md `cover:`), null without one */
	cover?: ScannedCover | null;
	modules: ScannedModule[];
}

/** A cover is shown at most ~60rem wide: larger files only cost the learner's data. */
export const COVER_MAX_BYTES = 512 * 1024;
const COVER_MIN_WIDTH = 480;
const COVER_MAX_SIDE = 4000;

/** Reads and checks the cover named in course.md; a problem is reported at the `cover:` line. */
function readCover(abs: string, courseFile: string, cover: NonNullable<CourseMeta['cover']>, errors: ContentProblem[]): ScannedCover | null {
	const fail = (reason: string) => {
		errors.push({ file: courseFile, line: cover.line, reason });
		return null;
	};
	const file = path.join(abs, cover.file);
	let stat: fs.Stats;
	try {
		stat = fs.lstatSync(file);
	} catch {
		return fail(`cover: ${cover.file} does not exist beside course.md`);
	}
	if (!stat.isFile()) return fail(`cover: ${cover.file} is not a file`);
	if (stat.size > COVER_MAX_BYTES) return fail(`cover: ${cover.file} is ${Math.ceil(stat.size / 1024)} KB; a cover may have at most ${COVER_MAX_BYTES / 1024} KB (save it smaller, e.g. 1200 px wide as JPEG)`);
	const bytes = fs.readFileSync(file);
	const info = imageInfo(bytes);
	if (!info) return fail(`cover: ${cover.file} is not a PNG or JPEG`);
	if (info.width < COVER_MIN_WIDTH || info.width > COVER_MAX_SIDE || info.height < 1 || info.height > COVER_MAX_SIDE)
		return fail(`cover: ${cover.file} is ${info.width}×${info.height} px; a cover is ${COVER_MIN_WIDTH}–${COVER_MAX_SIDE} px wide (1200×675 is a good size)`);
	return { bytes, type: info.type, width: info.width, height: info.height, alt: cover.alt, hash: createHash('sha256').update(bytes).digest('hex') };
}

function listDir(dir: string): fs.Dirent[] {
	try {
		return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
	} catch {
		return [];
	}
}

/** Hash over every path and byte under `<dir>/courses` plus the parser version; the lesson file count. */
export function treeHash(dir: string): { hash: string; lessonFiles: number } {
	const h = createHash('sha256').update(PARSER_VERSION);
	let lessonFiles = 0;
	const walk = (d: string, rel: string) => {
		for (const e of listDir(d)) {
			const p = path.join(d, e.name);
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(p, r);
			else if (e.isFile() && /\.(jpe?g|png)$/i.test(e.name) && rel.split('/').length === 2) {
				// a course's cover image: a new picture is a change to import
				h.update(r + '\0').update(fs.readFileSync(p)).update('\0');
			} else if (e.isFile() && e.name.endsWith('.md')) {
				h.update(r + '\0').update(fs.readFileSync(p)).update('\0');
				if (e.name !== 'module.md' && e.name !== 'course.md' && !/\.[^.]+\.md$/.test(e.name) && rel.split('/').length === 3) lessonFiles++;
			}
		}
	};
	walk(path.join(dir, 'courses'), 'courses');
	return { hash: h.digest('hex'), lessonFiles };
}

/**
 * Parses every course; problems are collected, never thrown. Paths in problems are relative to `dir`. `warnings`
 * (Leichte Sprache findings) never keep a file out.
 */
export function scanCourses(dir: string): { courses: ScannedCourse[]; errors: ContentProblem[]; warnings: ContentProblem[] } {
	const errors: ContentProblem[] = [];
	const warnings: ContentProblem[] = [];
	const courses: ScannedCourse[] = [];
	const root = path.join(dir, 'courses');
	for (const c of listDir(root)) {
		if (!c.isDirectory()) continue;
		const rel = `courses/${c.name}`;
		const courseFile = `${rel}/course.md`;
		if (!SLUG_RE.test(c.name)) {
			errors.push({ file: rel, line: 0, reason: 'course folder names use lower-case letters, digits and dashes only', code: 'scan_course_folder' });
			continue;
		}
		const abs = path.join(root, c.name);
		if (!fs.existsSync(path.join(abs, 'course.md'))) {
			errors.push({ file: courseFile, line: 0, reason: 'course.md is missing', code: 'zip_course_md' });
			continue;
		}
		const parsed = parseCourse(fs.readFileSync(path.join(abs, 'course.md'), 'utf8'), courseFile);
		if (!parsed.ok) errors.push(...parsed.errors);
		let meta = parsed.ok ? parsed.value : null;
		let cover: ScannedCover | null = null;
		if (meta?.cover) {
			cover = readCover(abs, courseFile, meta.cover, errors);
			// a broken cover refuses course.md like any other problem in it: the last good state stays live
			if (!cover) meta = null;
		}
		const lang = parsed.ok ? parsed.value.language : 'de';
		const course: ScannedCourse = { slug: c.name, file: courseFile, meta, cover, modules: [] };
		for (const m of listDir(abs)) {
			if (!m.isDirectory()) continue;
			const mrel = `${rel}/${m.name}`;
			const num = numbered(m.name);
			if (!num) {
				errors.push({ file: mrel, line: 0, reason: 'module folder names look like "02-module-slug"', code: 'scan_module_folder' });
				continue;
			}
			const mabs = path.join(abs, m.name);
			const mfile = `${mrel}/module.md`;
			let mmeta: ModuleMeta | null = null;
			if (!fs.existsSync(path.join(mabs, 'module.md'))) errors.push({ file: mfile, line: 0, reason: 'module.md is missing', code: 'scan_module_md' });
			else {
				const pm = parseModule(fs.readFileSync(path.join(mabs, 'module.md'), 'utf8'), mfile, lang);
				if (pm.ok) mmeta = pm.value;
				else errors.push(...pm.errors);
			}
			const mod: ScannedModule = { slug: num.slug, position: num.position, file: mfile, meta: mmeta, lessons: [] };
			const originals = new Map<string, ScannedLesson>();
			const variantFiles: { name: string; base: string; tag: VariantTag }[] = [];
			const badNames: string[] = [];
			for (const l of listDir(mabs)) {
				if (!l.isFile() || !l.name.endsWith('.md') || l.name === 'module.md') continue;
				const lfile = `${mrel}/${l.name}`;
				const name = parseLessonFileName(l.name);
				if (name.ok && name.tag) {
					variantFiles.push({ name: l.name, base: name.base, tag: name.tag });
					continue;
				}
				if (!name.ok && /\.[^.]+\.md$/.test(l.name)) {
					errors.push({ file: lfile, line: 0, reason: name.reason });
					badNames.push(l.name.replace(/\.[^.]+\.md$/, '.md'));
					continue;
				}
				const ln = numbered(l.name);
				const pl = parseLesson(fs.readFileSync(path.join(mabs, l.name), 'utf8'), lfile, { courseSlug: c.name, fileName: l.name, lang });
				if (!pl.ok) errors.push(...pl.errors);
				const sl: ScannedLesson = { file: lfile, defaultIdentity: `${c.name}/${ln?.slug ?? l.name.replace(/\.md$/, '')}`, position: ln?.position ?? 0, lesson: pl.ok ? pl.value : null, variants: [] };
				mod.lessons.push(sl);
				originals.set(l.name, sl);
			}
			for (const base of badNames) {
				const original = originals.get(base);
				if (original) original.keepVariants = true;
			}
			for (const v of variantFiles) {
				const vfile = `${mrel}/${v.name}`;
				const original = originals.get(v.base);
				if (v.tag === lang) {
					errors.push({ file: vfile, line: 0, reason: `the course is written in "${lang}" already: a variant is in another language (or "de-x-ls" for Leichte Sprache)`, code: 'scan_variant_same', params: { lang } });
					continue;
				}
				if (!original) {
					errors.push({ file: vfile, line: 0, reason: `variant without an original: there is no "${v.base}" in this folder (a variant has the file name of its lesson plus the language tag)`, code: 'scan_variant_orphan', params: { file: v.base } });
					continue;
				}
				const sv: ScannedVariant = { file: vfile, tag: v.tag, variant: null };
				original.variants.push(sv);
				// a broken original keeps its whole lesson (variants too) at the last good state
				if (!original.lesson) continue;
				const o = original.lesson;
				const pv = parseVariant(fs.readFileSync(path.join(mabs, v.name), 'utf8'), vfile, {
					courseSlug: c.name,
					originalFileName: v.base,
					tag: v.tag,
					base: { identity: o.identity, episode: o.episode, quiz: o.quiz }
				});
				if (!pv.ok) {
					errors.push(...pv.errors);
					continue;
				}
				sv.variant = pv.value;
				for (const w of pv.value.warnings) warnings.push({ file: vfile, line: w.line, reason: describePlainWarning(w) });
			}
			course.modules.push(mod);
		}
		courses.push(course);
	}
	return { courses, errors, warnings };
}
