// Councils (organisations) and their memberships; the lookups other domains use to scope by council.
import { and, asc, count, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import { db, write, schema } from '../db';
import { emailKey } from '../auth/accounts';
import { audit } from '../audit';
import { newId } from '../ids';
import { firstFreeSlug, slugify } from './slug';

export type MembershipRole = 'member' | 'trainer';
export const MEMBERSHIP_ROLES = ['member', 'trainer'] as const;
export type CouncilErrorKey = 'admin_error_council_not_found' | 'admin_error_member_unknown' | 'admin_error_member_not_trainer' | 'admin_error_member_not_found';
export type CouncilResult<T = object> = ({ ok: true } & T) | { ok: false; error: CouncilErrorKey };

export const councilTarget = (id: string) => `council:${id}`;

// ---- lookups for other domains (courses limited to councils, trainer analytics) ----

/** Ids of every council the user belongs to, as member or trainer. */
export async function userCouncilIds(userId: string): Promise<string[]> {
	const rows = await db().select({ id: schema.memberships.organisationId }).from(schema.memberships).where(eq(schema.memberships.userId, userId));
	return rows.map((r) => r.id);
}

/** Ids of the councils where the user is a trainer (and still holds the trainer or admin role). */
export async function trainerCouncilIds(userId: string): Promise<string[]> {
	const rows = await db()
		.select({ id: schema.memberships.organisationId })
		.from(schema.memberships)
		.innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
		.where(and(eq(schema.memberships.userId, userId), eq(schema.memberships.role, 'trainer'), isNull(schema.users.disabledAt), inArray(schema.users.role, ['trainer', 'admin'])));
	return rows.map((r) => r.id);
}

/** Everyone in a council, trainers first, then by name. */
export async function councilMembers(orgId: string) {
	return db()
		.select({
			userId: schema.users.id,
			email: schema.users.email,
			displayName: schema.users.displayName,
			userRole: schema.users.role,
			disabledAt: schema.users.disabledAt,
			role: schema.memberships.role,
			since: schema.memberships.createdAt
		})
		.from(schema.memberships)
		.innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
		.where(eq(schema.memberships.organisationId, orgId))
		.orderBy(sql`${schema.memberships.role} = 'trainer' desc`, asc(schema.users.displayName));
}

/**
 * True when the user trains this council: a trainer membership AND a trainer (or admin) role on an
 * enabled account, so demoting or disabling someone takes their council rights with it.
 */
export async function isTrainerOfCouncil(userId: string, orgId: string): Promise<boolean> {
	const [{ n }] = await db()
		.select({ n: count() })
		.from(schema.memberships)
		.innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
		.where(
			and(
				eq(schema.memberships.userId, userId),
				eq(schema.memberships.organisationId, orgId),
				eq(schema.memberships.role, 'trainer'),
				isNull(schema.users.disabledAt),
				inArray(schema.users.role, ['trainer', 'admin'])
			)
		);
	return n > 0;
}

// ---- administration ----

export async function listCouncils() {
	return db()
		.select({
			id: schema.organisations.id,
			slug: schema.organisations.slug,
			name: schema.organisations.name,
			city: schema.organisations.city,
			members: sql<number>`count(${schema.memberships.userId})`,
			trainers: sql<number>`coalesce(sum(${schema.memberships.role} = 'trainer'), 0)`
		})
		.from(schema.organisations)
		.leftJoin(schema.memberships, eq(schema.memberships.organisationId, schema.organisations.id))
		.groupBy(schema.organisations.id)
		.orderBy(asc(schema.organisations.name), asc(schema.organisations.city));
}

export async function getCouncil(id: string) {
	return (await db().select().from(schema.organisations).where(eq(schema.organisations.id, id)).limit(1))[0] ?? null;
}

/** Creates a council; its slug comes from the name and gets -2, -3, … when taken. */
export async function createCouncil(actorId: string, input: { name: string; city: string }): Promise<CouncilResult<{ id: string; slug: string }>> {
	const name = input.name.trim();
	const city = input.city.trim();
	const base = slugify(name);
	return write(async (tx) => {
		const taken = await tx
			.select({ slug: schema.organisations.slug })
			.from(schema.organisations)
			.where(or(eq(schema.organisations.slug, base), like(schema.organisations.slug, `${base}-%`)));
		const slug = firstFreeSlug(base, taken.map((r) => r.slug));
		const id = newId();
		await tx.insert(schema.organisations).values({ id, slug, name, city, createdAt: Date.now() });
		await audit(actorId, 'admin.council.create', councilTarget(id), { name, city, slug }, tx);
		return { ok: true as const, id, slug };
	});
}

/** Renames a council. The slug stays: it is an identity that links may already use. */
export async function updateCouncil(actorId: string, id: string, input: { name: string; city: string }): Promise<CouncilResult> {
	const name = input.name.trim();
	const city = input.city.trim();
	return write(async (tx) => {
		const before = (await tx.select().from(schema.organisations).where(eq(schema.organisations.id, id)).limit(1))[0];
		if (!before) return { ok: false as const, error: 'admin_error_council_not_found' as const };
		if (before.name === name && before.city === city) return { ok: true as const };
		await tx.update(schema.organisations).set({ name, city }).where(eq(schema.organisations.id, id));
		await audit(actorId, 'admin.council.update', councilTarget(id), { from: { name: before.name, city: before.city }, to: { name, city } }, tx);
		return { ok: true as const };
	});
}

/**
 * Adds a person by email as member or trainer, or changes their membership role.
 * Only accounts with the trainer (or admin) role can train a council.
 */
export async function addMember(actorId: string, orgId: string, email: string, role: MembershipRole): Promise<CouncilResult<{ userId: string }>> {
	return write(async (tx) => {
		const org = (await tx.select({ id: schema.organisations.id }).from(schema.organisations).where(eq(schema.organisations.id, orgId)).limit(1))[0];
		if (!org) return { ok: false as const, error: 'admin_error_council_not_found' as const };
		const user = (await tx.select().from(schema.users).where(eq(schema.users.emailKey, emailKey(email))).limit(1))[0];
		if (!user) return { ok: false as const, error: 'admin_error_member_unknown' as const };
		if (role === 'trainer' && user.role === 'learner') return { ok: false as const, error: 'admin_error_member_not_trainer' as const };
		const existing = (
			await tx
				.select({ role: schema.memberships.role })
				.from(schema.memberships)
				.where(and(eq(schema.memberships.organisationId, orgId), eq(schema.memberships.userId, user.id)))
				.limit(1)
		)[0];
		if (existing?.role === role) return { ok: true as const, userId: user.id };
		if (existing) {
			await tx.update(schema.memberships).set({ role }).where(and(eq(schema.memberships.organisationId, orgId), eq(schema.memberships.userId, user.id)));
		} else {
			await tx.insert(schema.memberships).values({ organisationId: orgId, userId: user.id, role, createdAt: Date.now() });
		}
		await audit(actorId, 'admin.council.member.add', councilTarget(orgId), { user: user.id, role, ...(existing ? { from: existing.role } : {}) }, tx);
		return { ok: true as const, userId: user.id };
	});
}

export async function removeMember(actorId: string, orgId: string, userId: string): Promise<CouncilResult> {
	return write(async (tx) => {
		const gone = await tx
			.delete(schema.memberships)
			.where(and(eq(schema.memberships.organisationId, orgId), eq(schema.memberships.userId, userId)))
			.returning({ role: schema.memberships.role });
		if (gone.length === 0) return { ok: false as const, error: 'admin_error_member_not_found' as const };
		await audit(actorId, 'admin.council.member.remove', councilTarget(orgId), { user: userId, role: gone[0].role }, tx);
		return { ok: true as const };
	});
}
