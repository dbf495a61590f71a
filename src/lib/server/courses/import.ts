// Imports content/courses/ into the database as revisions: idempotent, refuses broken files while the rest imports,
// archives lessons that disappeared (progress stays), keeps identity across renumbering.
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { mediaStore } from '../media/store';
import { db, schema, write, type Tx } from '../db';
import { newId } from '../ids';
import type { ContentProblem } from '../../content/lesson';
import { scanCourses, treeHash, type ScannedCourse, type ScannedCover } from './scan';
import { bumpContentVersion } from './cache';
import { upsertLesson } from './import-lesson';
import { upsertVariants } from './import-variant';

export interface ImportReport {
	imported: number;
	unchanged: number;
	archived: number;
	errors: ContentProblem[];
	/** not errors: e.g. a changed file published on top of a studio revision (see import-lesson.ts) */
	notices: ContentProblem[];
	/** Leichte Sprache findings in de-x-ls variants (only when the tree was read: after a change or with force) */
	warnings: ContentProblem[];
	/** variants written (new, changed, archived or back) */
	variants: number;
}

const STATE_KEY = 'courses';

export async function importCourses(dir: string, opts: { force?: boolean } = {}): Promise<ImportReport> {
	const tree = treeHash(dir);
	const state = (await db().select().from(schema.contentState).where(eq(schema.contentState.key, STATE_KEY)).limit(1))[0];
	if (!opts.force && state?.hash === tree.hash) {
		return { imported: 0, unchanged: tree.lessonFiles, archived: 0, errors: JSON.parse(state.errors) as ContentProblem[], notices: [], warnings: [], variants: 0 };
	}
	const { courses, errors, warnings } = scanCourses(dir);
	const report: ImportReport = { imported: 0, unchanged: 0, archived: 0, errors, notices: [], warnings, variants: 0 };
	const seenSlugs = new Set<string>();
	const seenIdentities = new Set<string>();
	for (const c of courses) {
		seenSlugs.add(c.slug);
		await write((tx) => importCourse(tx, c, report, seenIdentities));
	}
	await write(async (tx) => {
		// courses whose folder is gone: archived, never deleted (certificates and progress point at them);
		// courses made in the studio never had a folder
		const gone = await tx
			.select({ id: schema.courses.id, slug: schema.courses.slug })
			.from(schema.courses)
			.where(and(sql`${schema.courses.archivedAt} is null`, eq(schema.courses.origin, 'import')));
		for (const g of gone) {
			if (seenSlugs.has(g.slug)) continue;
			await tx.update(schema.courses).set({ archivedAt: Date.now() }).where(eq(schema.courses.id, g.id));
			await tx.run(sql`delete from course_search where course_id = ${g.id}`);
			report.archived++;
		}
		const row = { key: STATE_KEY, hash: tree.hash, errors: JSON.stringify(errors), importedAt: Date.now() };
		await tx.insert(schema.contentState).values(row).onConflictDoUpdate({ target: schema.contentState.key, set: row });
	});
	bumpContentVersion();
	return report;
}

/** Imports one scanned course (the content/ folder or a studio zip); returns its id, or null when course.md is broken. */
export async function importCourse(tx: Tx, c: ScannedCourse, report: ImportReport, seenIdentities: Set<string>): Promise<string | null> {
	const now = Date.now();
	let course = (await tx.select().from(schema.courses).where(eq(schema.courses.slug, c.slug)).limit(1))[0];
	let changed = false;
	if (!c.meta) {
		// broken course.md: the last good state stays live, nothing in it is archived
		return null;
	}
	const m = c.meta;
	const cover = c.cover ? await storeCover(c.cover) : null;
	const fields = {
		title: m.title, summary: m.summary, summaryEn: m.summaryEn, descriptionHtml: m.descriptionHtml, descriptionMd: '', language: m.language, level: m.level,
		topics: JSON.stringify(m.topics), hours: m.hours, passScore: m.passScore, quizMode: m.quizMode, quizAttempts: m.quizAttempts, quizWaitS: m.quizWait, certificate: m.certificate, featured: m.featured, demo: m.demo, draft: m.draft,
		coverPath: cover?.path ?? null, coverAlt: cover?.alt ?? '', coverWidth: cover?.width ?? null, coverHeight: cover?.height ?? null,
		// a new picture (same course.md) is a change too
		sourceHash: c.cover ? createHash('sha256').update(m.hash + '\n' + c.cover.hash).digest('hex') : m.hash, archivedAt: null, updatedAt: now
	};
	if (!course) {
		course = { id: newId(), slug: c.slug, visibility: 'public', origin: 'import', createdAt: now, ...fields };
		await tx.insert(schema.courses).values(course);
		changed = true;
	} else if (course.sourceHash !== fields.sourceHash || course.archivedAt !== null) {
		await tx.update(schema.courses).set(fields).where(eq(schema.courses.id, course.id));
		changed = true;
	}
	const courseId = course.id;

	const dbModules = await tx.select().from(schema.modules).where(eq(schema.modules.courseId, courseId));
	const moduleIds = new Map<string, string>();
	const protectedModules = new Set<string>();
	for (const sm of c.modules) {
		const existing = dbModules.find((x) => x.slug === sm.slug);
		if (!sm.meta) {
			if (existing) {
				moduleIds.set(sm.slug, existing.id);
				protectedModules.add(existing.id);
			}
			continue;
		}
		// the key covers module.md and the folder number: studio renames and reordering stand until either changes
		const key = `${sm.meta.hash}:${sm.position}`;
		const mf = { title: sm.meta.title, summary: sm.meta.summary, descriptionHtml: sm.meta.descriptionHtml, position: sm.position, sourceHash: key, archivedAt: null };
		if (!existing) {
			const id = newId();
			await tx.insert(schema.modules).values({ id, courseId, slug: sm.slug, ...mf });
			moduleIds.set(sm.slug, id);
			changed = true;
		} else {
			moduleIds.set(sm.slug, existing.id);
			if (existing.sourceHash !== key) {
				await tx.update(schema.modules).set(mf).where(eq(schema.modules.id, existing.id));
				changed = true;
			}
		}
	}

	const dbLessons = await tx
		.select({ lesson: schema.lessons, hash: schema.lessonRevisions.contentHash, origin: schema.lessonRevisions.origin })
		.from(schema.lessons)
		.leftJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessons.publishedRevisionId))
		.where(eq(schema.lessons.courseId, courseId));
	const byIdentity = new Map(dbLessons.map((r) => [r.lesson.identity, r]));
	const keep = new Set<string>();
	const slugsInCourse = new Set<string>();
	for (const sm of c.modules) {
		const moduleId = moduleIds.get(sm.slug);
		for (const sl of sm.lessons) {
			keep.add(sl.defaultIdentity);
			if (!moduleId) continue; // module never imported: its lessons wait for a valid module.md
			const l = sl.lesson;
			if (!l) continue;
			keep.add(l.identity);
			if (seenIdentities.has(l.identity)) {
				report.errors.push({ file: sl.file, line: 1, reason: `lesson id "${l.identity}" is used by another lesson`, code: 'import_id_taken', params: { id: l.identity } });
				continue;
			}
			if (slugsInCourse.has(l.slug)) {
				report.errors.push({ file: sl.file, line: 1, reason: `another lesson in this course already has the file name slug "${l.slug}"`, code: 'import_slug_taken', params: { slug: l.slug } });
				continue;
			}
			seenIdentities.add(l.identity);
			slugsInCourse.add(l.slug);
			let existing = byIdentity.get(l.identity);
			if (!existing) {
				// a custom `id` may move a lesson from another course
				const other = (await tx.select().from(schema.lessons).where(eq(schema.lessons.identity, l.identity)).limit(1))[0];
				if (other) existing = { lesson: other, hash: null, origin: null };
			}
			const { id, wrote } = await upsertLesson(tx, { courseId, moduleId, position: sm.position * 1000 + sl.position, file: sl.file }, l, existing, now, report.notices);
			if (wrote) {
				report.imported++;
				changed = true;
			} else report.unchanged++;
			const variants = await upsertVariants(tx, id, sl, now, report.notices);
			if (variants) {
				report.variants += variants;
				changed = true;
			}
		}
	}
	for (const r of dbLessons) {
		// lessons made in the studio have no file (sourcePath '') and are never archived by an import
		if (r.lesson.archivedAt !== null || r.lesson.sourcePath === '' || keep.has(r.lesson.identity) || protectedModules.has(r.lesson.moduleId)) continue;
		await tx.update(schema.lessons).set({ archivedAt: now, updatedAt: now }).where(eq(schema.lessons.id, r.lesson.id));
		report.archived++;
		changed = true;
	}
	for (const dm of dbModules) {
		if (dm.archivedAt === null && dm.origin === 'import' && !c.modules.some((sm) => sm.slug === dm.slug)) {
			await tx.update(schema.modules).set({ archivedAt: now }).where(eq(schema.modules.id, dm.id));
			changed = true;
		}
	}
	if (changed) await reindexCourse(tx, courseId);
	return courseId;
}

/**
 * Puts a cover into the media store under a folder named by its content hash (served by /media with immutable caching,
 * like the podcast's cover); the same picture is written once.
 */
async function storeCover(c: ScannedCover): Promise<{ path: string; alt: string; width: number; height: number }> {
	const folder = c.hash.slice(0, 32);
	const rel = `${folder}/cover.${c.type === 'image/png' ? 'png' : 'jpg'}`;
	// a reader never sees half a picture (the store writes under a temporary name, or a bucket's PUT is atomic)
	if (!(await mediaStore().stat(rel))) await mediaStore().put(rel, c.bytes);
	return { path: rel, alt: c.alt, width: c.width, height: c.height };
}

/** Rebuilds the course's rows in the FTS5 table from the course and its published, non-archived lessons. */
export async function reindexCourse(tx: Tx, courseId: string) {
	await tx.run(sql`delete from course_search where course_id = ${courseId}`);
	const c = (await tx.select().from(schema.courses).where(eq(schema.courses.id, courseId)).limit(1))[0];
	if (!c || c.archivedAt !== null) return;
	const topics = (JSON.parse(c.topics) as string[]).join(' ');
	await tx.run(sql`insert into course_search (course_id, lesson_id, kind, title, summary, topics, body) values (${c.id}, '', 'course', ${c.title}, ${c.summary + ' ' + c.summaryEn}, ${topics}, '')`);
	const rows = await tx
		.select({ id: schema.lessons.id, title: schema.lessons.title, text: schema.lessonRevisions.text })
		.from(schema.lessons)
		.innerJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessons.publishedRevisionId))
		.where(and(eq(schema.lessons.courseId, courseId), sql`${schema.lessons.archivedAt} is null`));
	// a lesson is found by the words of its variants too (a search in Arabic or in Leichte Sprache)
	const variants = await tx.all<{ lesson_id: string; text: string }>(sql`
		select v.lesson_id, r.text from lesson_variants v join lessons l on l.id = v.lesson_id join lesson_revisions r on r.id = v.published_revision_id
		where l.course_id = ${courseId} and v.archived_at is null`);
	for (const r of rows) {
		const body = [r.text, ...variants.filter((v) => v.lesson_id === r.id).map((v) => v.text)].join(' ');
		await tx.run(sql`insert into course_search (course_id, lesson_id, kind, title, summary, topics, body) values (${c.id}, ${r.id}, 'lesson', ${r.title}, '', '', ${body})`);
	}
}
