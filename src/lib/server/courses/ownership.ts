// Who may edit a course in the studio: its owners and co-owners; admins may edit every course.
import { and, eq } from 'drizzle-orm';
import { db, write, schema, type Tx } from '../db';
import type { SessionUser } from '../auth/session';

export async function ownedCourseIds(userId: string): Promise<string[]> {
	const rows = await db().select({ id: schema.courseOwners.courseId }).from(schema.courseOwners).where(eq(schema.courseOwners.userId, userId));
	return rows.map((r) => r.id);
}

export async function canEditCourse(user: Pick<SessionUser, 'id' | 'role'>, courseId: string): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'trainer') return false;
	const row = await db()
		.select({ c: schema.courseOwners.courseId })
		.from(schema.courseOwners)
		.where(and(eq(schema.courseOwners.courseId, courseId), eq(schema.courseOwners.userId, user.id)))
		.limit(1);
	return row.length > 0;
}

export async function addCourseOwner(courseId: string, userId: string, role: 'owner' | 'co-owner' = 'owner', tx?: Tx) {
	const row = { courseId, userId, role, createdAt: Date.now() };
	const run = (t: Tx) => t.insert(schema.courseOwners).values(row).onConflictDoUpdate({ target: [schema.courseOwners.courseId, schema.courseOwners.userId], set: { role } });
	if (tx) await run(tx);
	else await write(run);
}
