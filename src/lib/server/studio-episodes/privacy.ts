// The episode studio's part of a person's data export and account deletion: which episodes they own or co-own.
// Deleting the account removes those rows; the episodes stay (they are published content; admins can still edit them).
import { eq } from 'drizzle-orm';
import { db, schema, type Tx } from '../db';

export async function exportEpisodeOwnership(userId: string) {
	const rows = await db()
		.select({ episode: schema.episodes.slug, title: schema.episodes.title, role: schema.episodeOwners.role, since: schema.episodeOwners.createdAt })
		.from(schema.episodeOwners)
		.innerJoin(schema.episodes, eq(schema.episodes.id, schema.episodeOwners.episodeId))
		.where(eq(schema.episodeOwners.userId, userId));
	return rows.map((r) => ({ ...r, since: new Date(r.since).toISOString() }));
}

export async function deleteEpisodeOwnership(tx: Tx, userId: string) {
	await tx.delete(schema.episodeOwners).where(eq(schema.episodeOwners.userId, userId));
}
