// A course's modules and lessons in the studio: create, rename, archive, restore and reorder.
// Studio-made lessons get the identity `<course>/<slug>`, like imported ones, so an export keeps them.
import { and, asc, eq, sql } from 'drizzle-orm';
import { db, schema, write, type Tx } from '../db';
import { newId } from '../ids';
import { audit } from '../audit';
import { slugify } from '../../content/markdown';
import { reindexCourse } from '../courses/import';
import { contentChanged, touchContentTx } from './version';

export interface StructureLesson {
	id: string;
	slug: string;
	title: string;
	published: boolean;
	hasDraft: boolean;
	archived: boolean;
	origin: 'import' | 'studio' | null;
}
export interface StructureModule {
	id: string;
	title: string;
	archived: boolean;
	lessons: StructureLesson[];
}

export async function courseStructure(courseId: string, userId: string): Promise<StructureModule[]> {
	const mods = await db().select().from(schema.modules).where(eq(schema.modules.courseId, courseId)).orderBy(asc(schema.modules.position));
	const ls = await db()
		.select({
			l: schema.lessons,
			origin: schema.lessonRevisions.origin,
			drafts: sql<number>`(select count(*) from lesson_drafts d where d.lesson_id = lessons.id and d.lang = '' and d.author_id = ${userId})`
		})
		.from(schema.lessons)
		.leftJoin(schema.lessonRevisions, eq(schema.lessonRevisions.id, schema.lessons.publishedRevisionId))
		.where(eq(schema.lessons.courseId, courseId))
		.orderBy(asc(schema.lessons.position));
	return mods.map((m) => ({
		id: m.id,
		title: m.title,
		archived: m.archivedAt !== null,
		lessons: ls
			.filter((r) => r.l.moduleId === m.id)
			.map(({ l, origin, drafts }) => ({ id: l.id, slug: l.slug, title: l.title, published: l.publishedRevisionId !== null, hasDraft: Number(drafts) > 0, archived: l.archivedAt !== null, origin }))
	}));
}

async function changed<T>(actorId: string, courseId: string, action: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
	const r = await write(async (tx) => {
		const out = await fn(tx);
		await reindexCourse(tx, courseId);
		await touchContentTx(tx);
		await audit(actorId, action, courseId, {}, tx);
		return out;
	});
	contentChanged();
	return r;
}

function uniqueSlug(base: string, taken: Set<string>): string {
	const clean = base.slice(0, 60).replace(/-+$/, '') || 'lektion';
	let slug = clean;
	for (let n = 2; taken.has(slug); n++) slug = `${clean}-${n}`;
	return slug;
}

export async function createModule(actorId: string, courseId: string, title: string) {
	return changed(actorId, courseId, 'studio.module.create', async (tx) => {
		const mods = await tx.select({ slug: schema.modules.slug, position: schema.modules.position }).from(schema.modules).where(eq(schema.modules.courseId, courseId));
		const slug = uniqueSlug(slugify(title), new Set(mods.map((m) => m.slug)));
		const position = mods.reduce((max, m) => Math.max(max, m.position), 0) + 1;
		const id = newId();
		await tx.insert(schema.modules).values({ id, courseId, slug, title, position, sourceHash: 'studio', origin: 'studio' });
		return id;
	});
}

export async function renameModule(actorId: string, courseId: string, moduleId: string, title: string): Promise<boolean> {
	return changed(actorId, courseId, 'studio.module.rename', async (tx) => {
		const r = await tx.update(schema.modules).set({ title }).where(and(eq(schema.modules.id, moduleId), eq(schema.modules.courseId, courseId))).returning({ id: schema.modules.id });
		return r.length > 0;
	});
}

export async function setModuleArchived(actorId: string, courseId: string, moduleId: string, archived: boolean): Promise<boolean> {
	return changed(actorId, courseId, archived ? 'studio.module.archive' : 'studio.module.restore', async (tx) => {
		const r = await tx.update(schema.modules).set({ archivedAt: archived ? Date.now() : null }).where(and(eq(schema.modules.id, moduleId), eq(schema.modules.courseId, courseId))).returning({ id: schema.modules.id });
		return r.length > 0;
	});
}

export type CreateLessonResult = { ok: true; slug: string } | { ok: false; error: 'studio_error_module' | 'studio_error_slug_taken' };

export async function createLesson(actorId: string, course: { id: string; slug: string }, input: { moduleId: string; title: string; slug: string }): Promise<CreateLessonResult> {
	return changed(actorId, course.id, 'studio.lesson.create', async (tx): Promise<CreateLessonResult> => {
		const mod = (await tx.select().from(schema.modules).where(and(eq(schema.modules.id, input.moduleId), eq(schema.modules.courseId, course.id))).limit(1))[0];
		if (!mod) return { ok: false, error: 'studio_error_module' };
		const inCourse = await tx.select({ slug: schema.lessons.slug }).from(schema.lessons).where(eq(schema.lessons.courseId, course.id));
		const taken = new Set(inCourse.map((l) => l.slug));
		if (input.slug && taken.has(input.slug)) return { ok: false, error: 'studio_error_slug_taken' };
		const slug = input.slug || uniqueSlug(slugify(input.title), taken);
		const identity = `${course.slug}/${slug}`;
		// an identity is forever (progress hangs on it): another course's lesson may hold it through a custom `id`
		if ((await tx.select({ id: schema.lessons.id }).from(schema.lessons).where(eq(schema.lessons.identity, identity)).limit(1)).length) return { ok: false, error: 'studio_error_slug_taken' };
		const max = (await tx.select({ p: sql<number>`coalesce(max(position), 0)` }).from(schema.lessons).where(eq(schema.lessons.moduleId, mod.id)))[0].p;
		const now = Date.now();
		await tx.insert(schema.lessons).values({ id: newId(), identity, courseId: course.id, moduleId: mod.id, slug, position: Math.max(Number(max), mod.position * 1000) + 1, title: input.title, durationMin: 5, createdAt: now, updatedAt: now });
		return { ok: true, slug };
	});
}

export async function setLessonArchived(actorId: string, courseId: string, lessonId: string, archived: boolean): Promise<boolean> {
	return changed(actorId, courseId, archived ? 'studio.lesson.archive' : 'studio.lesson.restore', async (tx) => {
		const r = await tx
			.update(schema.lessons)
			.set({ archivedAt: archived ? Date.now() : null, updatedAt: Date.now() })
			.where(and(eq(schema.lessons.id, lessonId), eq(schema.lessons.courseId, courseId)))
			.returning({ id: schema.lessons.id });
		return r.length > 0;
	});
}

/** Gives `ids` (all of one list, in the new order) the positions they had, sorted: the list's slots stay the same. */
async function applyOrder(tx: Tx, table: typeof schema.modules | typeof schema.lessons, current: { id: string; position: number }[], ids: string[]): Promise<boolean> {
	if (ids.length !== current.length || new Set(ids).size !== ids.length || !ids.every((id) => current.some((c) => c.id === id))) return false;
	let slots = current.map((c) => c.position).sort((a, b) => a - b);
	if (new Set(slots).size !== slots.length) slots = slots.map((_, i) => slots[0] + i);
	for (let i = 0; i < ids.length; i++) await tx.update(table).set({ position: slots[i] }).where(eq(table.id, ids[i]));
	return true;
}

/** New order of a course's modules (drag and drop), or of one module's lessons. */
export async function reorder(actorId: string, courseId: string, kind: 'module' | 'lesson', ids: string[], moduleId?: string): Promise<boolean> {
	return changed(actorId, courseId, 'studio.reorder', async (tx) => {
		if (kind === 'module') {
			const mods = await tx.select({ id: schema.modules.id, position: schema.modules.position }).from(schema.modules).where(eq(schema.modules.courseId, courseId));
			return applyOrder(tx, schema.modules, mods, ids);
		}
		if (!moduleId) return false;
		const ls = await tx.select({ id: schema.lessons.id, position: schema.lessons.position }).from(schema.lessons).where(and(eq(schema.lessons.courseId, courseId), eq(schema.lessons.moduleId, moduleId)));
		return applyOrder(tx, schema.lessons, ls, ids);
	});
}

/** The keyboard / no-JS alternative to drag and drop: one step up or down. */
export async function moveOne(actorId: string, courseId: string, kind: 'module' | 'lesson', id: string, direction: 'up' | 'down'): Promise<boolean> {
	const structure = await courseStructure(courseId, actorId);
	const list = kind === 'module' ? structure.map((m) => m.id) : (structure.find((m) => m.lessons.some((l) => l.id === id))?.lessons.map((l) => l.id) ?? []);
	const i = list.indexOf(id);
	const j = direction === 'up' ? i - 1 : i + 1;
	if (i < 0 || j < 0 || j >= list.length) return i >= 0;
	[list[i], list[j]] = [list[j], list[i]];
	const moduleId = kind === 'lesson' ? structure.find((m) => m.lessons.some((l) => l.id === id))!.id : undefined;
	return reorder(actorId, courseId, kind, list, moduleId);
}
