// What each domain stores about a person: exported as JSON on request, removed on account deletion.
// Every domain that stores personal data adds its part here.
import { asc, eq, or } from 'drizzle-orm';
import { db, schema, type Tx } from './db';
import { deleteMailsToTx, mailsTo } from './mail';
import { deleteCourseData, exportCourseData } from './courses/privacy';
import { exportListening } from './podcast/listening';
import { deleteStudioData, exportStudioData } from './studio/privacy';
import { deleteEpisodeOwnership, exportEpisodeOwnership } from './studio-episodes/privacy';
import { deleteInvitationsToTx, exportInvitations } from './admin/invitations';

export async function exportUserData(userId: string): Promise<Record<string, unknown>> {
	const user = (await db().select().from(schema.users).where(eq(schema.users.id, userId)).limit(1))[0];
	if (!user) return {};
	const sessions = await db()
		.select({ createdAt: schema.sessions.createdAt, expiresAt: schema.sessions.expiresAt, userAgent: schema.sessions.userAgent })
		.from(schema.sessions)
		.where(eq(schema.sessions.userId, userId));
	const memberships = await db()
		.select({ organisation: schema.organisations.name, role: schema.memberships.role, since: schema.memberships.createdAt })
		.from(schema.memberships)
		.innerJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
		.where(eq(schema.memberships.userId, userId));
	return {
		exportedAt: new Date().toISOString(),
		account: {
			id: user.id,
			email: user.email,
			displayName: user.displayName,
			locale: user.locale,
			plainLanguage: user.plainLanguage,
			role: user.role,
			createdAt: new Date(user.createdAt).toISOString(),
			privacyAcceptedAt: new Date(user.privacyAcceptedAt).toISOString()
		},
		sessions: sessions.map((s) => ({ ...s, createdAt: new Date(s.createdAt).toISOString(), expiresAt: new Date(s.expiresAt).toISOString() })),
		memberships,
		courses: await exportCourseData(userId),
		listening: await exportListening(userId),
		studio: await exportStudioData(userId),
		episodesOwned: await exportEpisodeOwnership(userId),
		// mails sent to the address (reset links masked) and the audit entries by or about the person
		mails: await mailsTo(user.email),
		// invitations to a council sent to the address (the one that made the account, and any others)
		invitations: await exportInvitations(user.email),
		auditLog: (
			await db()
				.select({ action: schema.auditLog.action, target: schema.auditLog.target, detail: schema.auditLog.detail, createdAt: schema.auditLog.createdAt, actorId: schema.auditLog.actorId })
				.from(schema.auditLog)
				.where(or(eq(schema.auditLog.actorId, userId), eq(schema.auditLog.target, `user:${userId}`)))
				.orderBy(asc(schema.auditLog.id))
		).map((a) => ({ action: a.action, target: a.target, detail: JSON.parse(a.detail) as unknown, byThem: a.actorId === userId, createdAt: new Date(a.createdAt).toISOString() }))
	};
}

/**
 * Runs inside the deletion transaction, before the user row goes. Afterwards no table holds the person's address or
 * display name (privacy.test.ts scans every text column of every table); what stays refers to an id that no
 * longer resolves (audit log, published revisions).
 */
export async function deleteUserData(tx: Tx, userId: string): Promise<void> {
	const user = (await tx.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, userId)).limit(1))[0];
	// the outbox: reset mails and the like hold the address, the name and links
	if (user) await deleteMailsToTx(tx, user.email);
	// invitations to the address (spent, open or revoked): they name the person
	if (user) await deleteInvitationsToTx(tx, user.email);
	// Domains add their deletions and anonymisations here (progress, attempts, certificates, listening).
	await deleteCourseData(tx, userId);
	// podcast: listening positions (the daily statistics hold no user ids)
	await tx.delete(schema.listeningPositions).where(eq(schema.listeningPositions.userId, userId));
	await deleteStudioData(tx, userId);
	// studio episodes: ownership rows go, the episodes stay
	await deleteEpisodeOwnership(tx, userId);
}
