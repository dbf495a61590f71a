// Reads content/courses/ from disk: a hash of the whole tree (fast "nothing changed" check) and every file parsed.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { numbered, parseCourse, parseLesson, parseModule, PARSER_VERSION, SLUG_RE, type ContentProblem, type CourseMeta, type ModuleMeta, type ParsedLesson } from '../../content/lesson';

export interface ScannedLesson {
	file: string;
	/** the identity it would have without a front matter `id` (to protect a broken file's lesson from archiving) */
	defaultIdentity: string;
	position: number;
	lesson: ParsedLesson | null;
}
export interface ScannedModule {
	slug: string;
	position: number;
	file: string;
	meta: ModuleMeta | null;
	lessons: ScannedLesson[];
}
export interface ScannedCourse {
	slug: string;
	file: string;
	meta: CourseMeta | null;
	modules: ScannedModule[];
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
			else if (e.isFile() && e.name.endsWith('.md')) {
				h.update(r + '\0').update(fs.readFileSync(p)).update('\0');
				if (e.name !== 'module.md' && e.name !== 'course.md' && rel.split('/').length === 3) lessonFiles++;
			}
		}
	};
	walk(path.join(dir, 'courses'), 'courses');
	return { hash: h.digest('hex'), lessonFiles };
}

/** Parses every course; problems are collected, never thrown. Paths in problems are relative to `dir`. */
export function scanCourses(dir: string): { courses: ScannedCourse[]; errors: ContentProblem[] } {
	const errors: ContentProblem[] = [];
	const courses: ScannedCourse[] = [];
	const root = path.join(dir, 'courses');
	for (const c of listDir(root)) {
		if (!c.isDirectory()) continue;
		const rel = `courses/${c.name}`;
		const courseFile = `${rel}/course.md`;
		if (!SLUG_RE.test(c.name)) {
			errors.push({ file: rel, line: 0, reason: 'course folder names use lower-case letters, digits and dashes only' });
			continue;
		}
		const abs = path.join(root, c.name);
		if (!fs.existsSync(path.join(abs, 'course.md'))) {
			errors.push({ file: courseFile, line: 0, reason: 'course.md is missing' });
			continue;
		}
		const parsed = parseCourse(fs.readFileSync(path.join(abs, 'course.md'), 'utf8'), courseFile);
		if (!parsed.ok) errors.push(...parsed.errors);
		const meta = parsed.ok ? parsed.value : null;
		const lang = meta?.language ?? 'de';
		const course: ScannedCourse = { slug: c.name, file: courseFile, meta, modules: [] };
		for (const m of listDir(abs)) {
			if (!m.isDirectory()) continue;
			const mrel = `${rel}/${m.name}`;
			const num = numbered(m.name);
			if (!num) {
				errors.push({ file: mrel, line: 0, reason: 'module folder names look like "02-module-slug"' });
				continue;
			}
			const mabs = path.join(abs, m.name);
			const mfile = `${mrel}/module.md`;
			let mmeta: ModuleMeta | null = null;
			if (!fs.existsSync(path.join(mabs, 'module.md'))) errors.push({ file: mfile, line: 0, reason: 'module.md is missing' });
			else {
				const pm = parseModule(fs.readFileSync(path.join(mabs, 'module.md'), 'utf8'), mfile, lang);
				if (pm.ok) mmeta = pm.value;
				else errors.push(...pm.errors);
			}
			const mod: ScannedModule = { slug: num.slug, position: num.position, file: mfile, meta: mmeta, lessons: [] };
			for (const l of listDir(mabs)) {
				if (!l.isFile() || !l.name.endsWith('.md') || l.name === 'module.md') continue;
				const lfile = `${mrel}/${l.name}`;
				const ln = numbered(l.name);
				const pl = parseLesson(fs.readFileSync(path.join(mabs, l.name), 'utf8'), lfile, { courseSlug: c.name, fileName: l.name, lang });
				if (!pl.ok) errors.push(...pl.errors);
				mod.lessons.push({ file: lfile, defaultIdentity: `${c.name}/${ln?.slug ?? l.name.replace(/\.md$/, '')}`, position: ln?.position ?? 0, lesson: pl.ok ? pl.value : null });
			}
			course.modules.push(mod);
		}
		courses.push(course);
	}
	return { courses, errors };
}
