// Importing a course zip (as the export writes it) from the studio. The zip is checked before anything is written:
// size, number of files, every name against the content format (no "..", no absolute paths, nothing else), one
// course. Files are written under a fresh temporary folder with names the server builds from the checked parts,
// parsed like content/, and imported with the same rules in one transaction. Any problem: nothing changes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, inArray } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import { db, schema, write } from '../db';
import { audit } from '../audit';
import { canEditCourse, addCourseOwner } from '../courses/ownership';
import { importCourse, type ImportReport } from '../courses/import';
import { scanCourses } from '../courses/scan';
import type { ContentProblem } from '../../content/lesson';
import { contentChanged, touchContentTx } from './version';

export const MAX_ZIP_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 500;
const MAX_UNZIPPED = 20 * 1024 * 1024;
// lessons and their variants (`NN-lesson.ar.md`, `NN-lesson.de-x-ls.md`): the tag is checked again by the scan
const NAME_RE = /^(?:courses\/)?([a-z0-9][a-z0-9-]*)\/(?:(course\.md)|(\d{1,4}-[a-z0-9][a-z0-9-]*)\/(module\.md|\d{1,4}-[a-z0-9][a-z0-9-]*(?:\.[a-z]{2}(?:-x-[a-z]{2})?)?\.md))$/;

export type ZipImportResult =
	| { ok: true; slug: string; created: boolean; imported: number; unchanged: number }
	| { ok: false; error: 'studio_zip_too_large' | 'studio_zip_invalid' | 'studio_zip_names' | 'studio_zip_one_course' | 'studio_zip_forbidden' | 'studio_zip_problems'; problems?: ContentProblem[] };

/** Checks the archive and returns its files as relative paths the server built; null entries mean refused. */
export function readCourseZip(bytes: Uint8Array): { ok: true; slug: string; files: Map<string, string> } | Extract<ZipImportResult, { ok: false }> {
	if (bytes.byteLength > MAX_ZIP_BYTES) return { ok: false, error: 'studio_zip_too_large' };
	const bad: ContentProblem[] = [];
	let count = 0;
	let total = 0;
	let raw: Record<string, Uint8Array>;
	try {
		raw = unzipSync(bytes, {
			filter(f) {
				if (f.name.endsWith('/')) return false; // folder entries carry nothing
				if (++count > MAX_FILES || (total += f.originalSize) > MAX_UNZIPPED) throw new RangeError('too large');
				if (!NAME_RE.test(f.name)) {
					bad.push({ file: f.name.slice(0, 200), line: 0, reason: 'not a file of the course format' });
					return false;
				}
				return true;
			}
		});
	} catch (err) {
		return { ok: false, error: err instanceof RangeError ? 'studio_zip_too_large' : 'studio_zip_invalid' };
	}
	if (bad.length) return { ok: false, error: 'studio_zip_names', problems: bad.slice(0, 20) };
	const files = new Map<string, string>();
	const slugs = new Set<string>();
	for (const [name, data] of Object.entries(raw)) {
		if (data.byteLength > MAX_UNZIPPED) return { ok: false, error: 'studio_zip_too_large' };
		const m = NAME_RE.exec(name)!;
		slugs.add(m[1]);
		// the path is rebuilt from the checked parts, never taken from the archive as is
		const rel = m[2] ? `courses/${m[1]}/course.md` : `courses/${m[1]}/${m[3]}/${m[4]}`;
		files.set(rel, strFromU8(data));
	}
	if (slugs.size !== 1) return { ok: false, error: 'studio_zip_one_course' };
	return { ok: true, slug: [...slugs][0], files };
}

export async function importCourseZip(user: { id: string; role: 'learner' | 'trainer' | 'admin' }, bytes: Uint8Array): Promise<ZipImportResult> {
	const zip = readCourseZip(bytes);
	if (!zip.ok) return zip;
	const existing = (await db().select().from(schema.courses).where(eq(schema.courses.slug, zip.slug)).limit(1))[0];
	if (existing && !(await canEditCourse(user, existing.id))) return { ok: false, error: 'studio_zip_forbidden' };
	if (!existing && user.role !== 'trainer' && user.role !== 'admin') return { ok: false, error: 'studio_zip_forbidden' };

	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mitsprache-zip-'));
	try {
		for (const [rel, text] of zip.files) {
			const file = path.join(dir, rel);
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, text);
		}
		const { courses, errors } = scanCourses(dir);
		const course = courses.find((c) => c.slug === zip.slug);
		if (errors.length || !course?.meta) return { ok: false, error: 'studio_zip_problems', problems: errors.length ? errors : [{ file: `courses/${zip.slug}/course.md`, line: 0, reason: 'course.md is missing', code: 'zip_course_md' }] };
		// a lesson `id` may only name a lesson of this course (or a new one): no taking another course's lessons
		const identities = course.modules.flatMap((m) => m.lessons.map((l) => l.lesson!.identity));
		const owners = identities.length ? await db().select({ identity: schema.lessons.identity, courseId: schema.lessons.courseId }).from(schema.lessons).where(inArray(schema.lessons.identity, identities)) : [];
		const foreign = owners.filter((o) => o.courseId !== existing?.id);
		if (foreign.length) return { ok: false, error: 'studio_zip_problems', problems: foreign.map((f) => ({ file: f.identity, line: 0, reason: `lesson id "${f.identity}" belongs to another course`, code: 'zip_foreign_id', params: { id: f.identity } })) };

		const report: ImportReport = { imported: 0, unchanged: 0, archived: 0, errors: [], notices: [], warnings: [], variants: 0 };
		const result = await write(async (tx) => {
			const id = await importCourse(tx, course, report, new Set());
			if (!id) throw new Error('course.md refused after checking');
			// the studio decides when a course goes public: a new course starts as a draft, an existing one keeps its state
			await tx.update(schema.courses).set({ draft: existing ? existing.draft : true }).where(eq(schema.courses.id, id));
			if (!existing) {
				// a course that only exists in the studio: the content/ import must not archive it for a missing folder
				await tx.update(schema.courses).set({ origin: 'studio' }).where(eq(schema.courses.id, id));
				await addCourseOwner(id, user.id, 'owner', tx);
			}
			if (report.errors.length) throw new ZipProblems(report.errors);
			await touchContentTx(tx);
			await audit(user.id, 'studio.course.import_zip', zip.slug, { imported: report.imported, unchanged: report.unchanged }, tx);
			return { ok: true as const, slug: zip.slug, created: !existing, imported: report.imported, unchanged: report.unchanged };
		});
		contentChanged();
		return result;
	} catch (err) {
		if (err instanceof ZipProblems) return { ok: false, error: 'studio_zip_problems', problems: err.problems };
		throw err;
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

class ZipProblems extends Error {
	constructor(public problems: ContentProblem[]) {
		super('zip problems');
	}
}
