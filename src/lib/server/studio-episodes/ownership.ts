// Who may edit an episode in the studio: its owners and co-owners; admins may edit every episode.
// Episodes imported from content/ have no owner rows, so only admins may edit them (content/ is their source).
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '../audit';
import { findUserByEmail } from '../auth/accounts';
import type { SessionUser } from '../auth/session';
import { db, schema, write, type Tx } from '../db';

export const ownerEmailSchema = z.object({ email: z.string().trim().min(3, 'studioep_owner_email_invalid').max(254, 'studioep_owner_email_invalid').email('studioep_owner_email_invalid') });
export const ownerIdSchema = z.object({ id: z.string().min(1, 'studioep_owner_last').max(64, 'studioep_owner_last') });

export type Who = Pick<SessionUser, 'id' | 'role'>;

/** The one ownership check: every studio episode load, action and endpoint calls it (through episodeForEdit). */
export async function canEditEpisode(user: Who, episodeId: string): Promise<boolean> {
	if (user.role === 'admin') return true;
	if (user.role !== 'trainer') return false;
	const row = await db()
		.select({ e: schema.episodeOwners.episodeId })
		.from(schema.episodeOwners)
		.where(and(eq(schema.episodeOwners.episodeId, episodeId), eq(schema.episodeOwners.userId, user.id)))
		.limit(1);
	return row.length > 0;
}

export async function ownedEpisodeIds(userId: string): Promise<string[]> {
	const rows = await db().select({ id: schema.episodeOwners.episodeId }).from(schema.episodeOwners).where(eq(schema.episodeOwners.userId, userId));
	return rows.map((r) => r.id);
}

/** Inserts (or re-roles) an ownership row, inside `tx` when given. */
export async function addEpisodeOwner(episodeId: string, userId: string, role: 'owner' | 'co-owner' = 'owner', tx?: Tx) {
	const row = { episodeId, userId, role, createdAt: Date.now() };
	const run = (t: Tx) => t.insert(schema.episodeOwners).values(row).onConflictDoUpdate({ target: [schema.episodeOwners.episodeId, schema.episodeOwners.userId], set: { role } });
	if (tx) await run(tx);
	else await write(run);
}

export async function episodeOwners(episodeId: string) {
	return db()
		.select({ id: schema.users.id, name: schema.users.displayName, email: schema.users.email, role: schema.episodeOwners.role })
		.from(schema.episodeOwners)
		.innerJoin(schema.users, eq(schema.users.id, schema.episodeOwners.userId))
		.where(eq(schema.episodeOwners.episodeId, episodeId))
		.orderBy(asc(schema.episodeOwners.createdAt));
}

/**
 * Adds a trainer (by email) as co-owner. Learners, admins (they edit everything anyway), disabled accounts and
 * unknown addresses all get the same answer, so the form does not reveal which addresses have accounts.
 */
export async function addEpisodeCoOwner(actorId: string, episodeId: string, email: string): Promise<{ ok: boolean }> {
	const user = await findUserByEmail(email);
	if (!user || user.role !== 'trainer' || user.disabledAt !== null) return { ok: false };
	await write(async (tx) => {
		const existing = await tx.select().from(schema.episodeOwners).where(and(eq(schema.episodeOwners.episodeId, episodeId), eq(schema.episodeOwners.userId, user.id))).limit(1);
		if (!existing.length) await addEpisodeOwner(episodeId, user.id, 'co-owner', tx);
		await audit(actorId, 'studio.episode.owner_add', episodeId, { user: user.id }, tx);
	});
	return { ok: true };
}

/** Removes an owner; the last one stays (an episode someone made in the studio keeps a trainer who may edit it). */
export async function removeEpisodeOwner(actorId: string, episodeId: string, userId: string): Promise<{ ok: boolean }> {
	return write(async (tx) => {
		const owners = await tx.select().from(schema.episodeOwners).where(eq(schema.episodeOwners.episodeId, episodeId));
		if (!owners.some((o) => o.userId === userId) || owners.length <= 1) return { ok: false };
		await tx.delete(schema.episodeOwners).where(and(eq(schema.episodeOwners.episodeId, episodeId), eq(schema.episodeOwners.userId, userId)));
		await audit(actorId, 'studio.episode.owner_remove', episodeId, { user: userId }, tx);
		return { ok: true };
	});
}
