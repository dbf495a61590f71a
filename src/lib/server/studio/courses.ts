// Courses in the studio: the trainer's list, creating a course (the creator owns it), its settings and co-owners.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, schema, write, type Tx } from '../db';
import { newId } from '../ids';
import { audit } from '../audit';
import { addCourseOwner, ownedCourseIds } from '../courses/ownership';
import { renderDocument, slugify } from '../../content/markdown';
import { reindexCourse } from '../courses/import';
import { findUserByEmail } from '../auth/accounts';
import type { CourseInput } from './schemas';
import { contentChanged, touchContentTx } from './version';

export interface StudioCourse {
	id: string;
	slug: string;
	title: string;
	language: string;
	visibility: string;
	lessons: number;
	drafts: number;
	archived: boolean;
	/** not published: learners cannot see it */
	unpublished: boolean;
}

/** Admins see every course; trainers the ones they own or co-own. */
export async function studioCourses(user: { id: string; role: string }): Promise<StudioCourse[]> {
	const ids = user.role === 'admin' ? null : await ownedCourseIds(user.id);
	if (ids && !ids.length) return [];
	const rows = await db()
		.select({
			c: schema.courses,
			lessons: sql<number>`(select count(*) from lessons l where l.course_id = courses.id and l.archived_at is null)`,
			drafts: sql<number>`(select count(*) from lesson_drafts d join lessons l on l.id = d.lesson_id where l.course_id = courses.id and d.author_id = ${user.id})`
		})
		.from(schema.courses)
		.where(ids ? inArray(schema.courses.id, ids) : undefined)
		.orderBy(asc(schema.courses.title));
	return rows.map(({ c, lessons, drafts }) => ({ id: c.id, slug: c.slug, title: c.title, language: c.language, visibility: c.visibility, lessons: Number(lessons), drafts: Number(drafts), archived: c.archivedAt !== null, unpublished: c.draft }));
}

export async function councils() {
	return db().select({ id: schema.organisations.id, name: schema.organisations.name }).from(schema.organisations).orderBy(asc(schema.organisations.name));
}

export async function courseCouncilIds(courseId: string): Promise<string[]> {
	return (await db().select({ id: schema.courseOrganisations.organisationId }).from(schema.courseOrganisations).where(eq(schema.courseOrganisations.courseId, courseId))).map((r) => r.id);
}

function courseFields(input: CourseInput) {
	const doc = renderDocument(input.description, { lang: input.language });
	return {
		title: input.title, summary: input.summary, summaryEn: input.summaryEn, descriptionMd: input.description, descriptionHtml: doc.html, language: input.language, level: input.level,
		topics: JSON.stringify(input.topics), hours: input.hours, passScore: input.passScore, quizMode: input.quizMode, quizAttempts: input.quizAttempts, quizWaitS: input.quizWait, certificate: input.certificate, featured: input.featured, visibility: input.visibility, updatedAt: Date.now()
	};
}

async function setCouncils(tx: Tx, courseId: string, visibility: string, councilIds: string[]) {
	await tx.delete(schema.courseOrganisations).where(eq(schema.courseOrganisations.courseId, courseId));
	if (visibility !== 'councils' || !councilIds.length) return;
	const known = await tx.select({ id: schema.organisations.id }).from(schema.organisations).where(inArray(schema.organisations.id, councilIds));
	if (known.length) await tx.insert(schema.courseOrganisations).values(known.map((o) => ({ courseId, organisationId: o.id })));
}

export type CreateCourseResult = { ok: true; slug: string } | { ok: false; error: 'studio_error_slug_taken' };

export async function createCourse(userId: string, input: CourseInput, councilIds: string[]): Promise<CreateCourseResult> {
	const slug = input.slug || slugify(input.title).slice(0, 60).replace(/-+$/, '');
	const result = await write(async (tx): Promise<CreateCourseResult> => {
		const taken = await tx.select({ id: schema.courses.id }).from(schema.courses).where(eq(schema.courses.slug, slug)).limit(1);
		if (taken.length) return { ok: false, error: 'studio_error_slug_taken' };
		const id = newId();
		const now = Date.now();
		// a new course is a draft: learners see it once a trainer publishes it
		await tx.insert(schema.courses).values({ id, slug, ...courseFields(input), demo: false, draft: true, origin: 'studio', sourceHash: 'studio', createdAt: now });
		await addCourseOwner(id, userId, 'owner', tx);
		await setCouncils(tx, id, input.visibility, councilIds);
		await reindexCourse(tx, id);
		await touchContentTx(tx);
		await audit(userId, 'studio.course.create', slug, {}, tx);
		return { ok: true, slug };
	});
	if (result.ok) contentChanged();
	return result;
}

export async function updateCourse(userId: string, courseId: string, input: CourseInput, councilIds: string[]) {
	await write(async (tx) => {
		// the slug is the course's address (links, certificates): it never changes
		await tx.update(schema.courses).set(courseFields(input)).where(eq(schema.courses.id, courseId));
		await setCouncils(tx, courseId, input.visibility, councilIds);
		await reindexCourse(tx, courseId);
		await touchContentTx(tx);
		await audit(userId, 'studio.course.update', courseId, {}, tx);
	});
	contentChanged();
}

/** Publishes a draft course (draft=false) or withdraws a published one (draft=true); moves the content version. */
export async function setCourseDraft(userId: string, courseId: string, draft: boolean) {
	await write(async (tx) => {
		await tx.update(schema.courses).set({ draft, updatedAt: Date.now() }).where(eq(schema.courses.id, courseId));
		await touchContentTx(tx);
		await audit(userId, draft ? 'studio.course.unpublish' : 'studio.course.publish', courseId, {}, tx);
	});
	contentChanged();
}

export async function courseOwners(courseId: string) {
	return db()
		.select({ id: schema.users.id, name: schema.users.displayName, email: schema.users.email, role: schema.courseOwners.role })
		.from(schema.courseOwners)
		.innerJoin(schema.users, eq(schema.users.id, schema.courseOwners.userId))
		.where(eq(schema.courseOwners.courseId, courseId))
		.orderBy(asc(schema.courseOwners.createdAt));
}

/** Adds a trainer (by email) as co-owner. Learners and unknown addresses are refused with the same message. */
export async function addCoOwner(actorId: string, courseId: string, email: string): Promise<{ ok: boolean }> {
	const user = await findUserByEmail(email);
	if (!user || user.role !== 'trainer' || user.disabledAt !== null) return { ok: false };
	await write(async (tx) => {
		const existing = await tx.select().from(schema.courseOwners).where(and(eq(schema.courseOwners.courseId, courseId), eq(schema.courseOwners.userId, user.id))).limit(1);
		if (!existing.length) await addCourseOwner(courseId, user.id, 'co-owner', tx);
		await audit(actorId, 'studio.course.owner_add', courseId, { user: user.id }, tx);
	});
	return { ok: true };
}

/** Removes a co-owner; the last owner cannot be removed (someone must keep the course). */
export async function removeCoOwner(actorId: string, courseId: string, userId: string): Promise<{ ok: boolean }> {
	return write(async (tx) => {
		const owners = await tx.select().from(schema.courseOwners).where(eq(schema.courseOwners.courseId, courseId));
		const target = owners.find((o) => o.userId === userId);
		if (!target || owners.length <= 1) return { ok: false };
		await tx.delete(schema.courseOwners).where(and(eq(schema.courseOwners.courseId, courseId), eq(schema.courseOwners.userId, userId)));
		await audit(actorId, 'studio.course.owner_remove', courseId, { user: userId }, tx);
		return { ok: true };
	});
}
