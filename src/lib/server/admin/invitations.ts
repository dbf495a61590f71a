// Invitations to a council for people without an account: a mailed single-use link (only its hash is stored) that
// opens a registration form; registering creates the account and the membership in one transaction.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { db, write, schema, type Tx } from '../db';
import type { Invitation } from '../db/schema';
import { emailKey, findUserByEmail, isUniqueViolation, newUserRow } from '../auth/accounts';
import { audit } from '../audit';
import { newId, randomToken, sha256Hex } from '../ids';
import { sendMail } from '../mail';
import { config } from '../config';
import { isLocale, t } from '../i18n';
import { formatDate } from '../format';
import { councilTarget, type MembershipRole } from './councils';

export const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export type InvitationState = 'open' | 'used' | 'revoked' | 'expired';
export type InvitationErrorKey =
	| 'admin_error_council_not_found'
	| 'invite_error_has_account'
	| 'invite_error_not_found'
	| 'invite_error_used'
	| 'invite_error_revoked'
	| 'invite_error_expired';

export function invitationState(inv: Pick<Invitation, 'usedAt' | 'revokedAt' | 'expiresAt'>, now = Date.now()): InvitationState {
	if (inv.usedAt !== null) return 'used';
	if (inv.revokedAt !== null) return 'revoked';
	return inv.expiresAt <= now ? 'expired' : 'open';
}

const REFUSAL: Record<Exclude<InvitationState, 'open'>, InvitationErrorKey> = {
	used: 'invite_error_used',
	revoked: 'invite_error_revoked',
	expired: 'invite_error_expired'
};

/**
 * Invites an address to a council and mails the link in `locale`. An earlier open invitation of the same address to
 * the same council is revoked (its link stops working): only the newest mail counts.
 */
export async function inviteToCouncil(
	actorId: string,
	orgId: string,
	input: { email: string; role: MembershipRole; locale: string },
	now = Date.now()
): Promise<{ ok: true; token: string } | { ok: false; error: InvitationErrorKey }> {
	const email = input.email.trim();
	const key = emailKey(email);
	const locale = isLocale(input.locale) ? input.locale : 'de';
	if (await findUserByEmail(email)) return { ok: false, error: 'invite_error_has_account' };
	const token = randomToken(32);
	const expiresAt = now + INVITATION_TTL_MS;
	const council = await write(async (tx) => {
		const org = (await tx.select().from(schema.organisations).where(eq(schema.organisations.id, orgId)).limit(1))[0];
		if (!org) return null;
		await tx
			.update(schema.invitations)
			.set({ revokedAt: now })
			.where(and(eq(schema.invitations.organisationId, orgId), eq(schema.invitations.emailKey, key), isNull(schema.invitations.usedAt), isNull(schema.invitations.revokedAt)));
		const id = newId();
		await tx.insert(schema.invitations).values({ id, tokenHash: sha256Hex(token), email, emailKey: key, organisationId: orgId, role: input.role, locale, invitedBy: actorId, createdAt: now, expiresAt });
		// the audit entry names the council and the invitation, never the address (it would outlive an account deletion)
		await audit(actorId, 'admin.invitation.create', councilTarget(orgId), { invitation: id, role: input.role }, tx);
		return org;
	});
	if (!council) return { ok: false, error: 'admin_error_council_not_found' };
	const link = `${config.origin}/invite/${token}`;
	await sendMail({
		to: email,
		subject: t(locale, 'invite_mail_subject', { council: council.name }),
		body: t(locale, 'invite_mail_body', { council: council.name, link, date: formatDate(expiresAt, locale) })
	});
	return { ok: true, token };
}

export async function listInvitations(orgId: string) {
	return db()
		.select({ id: schema.invitations.id, email: schema.invitations.email, role: schema.invitations.role, createdAt: schema.invitations.createdAt, expiresAt: schema.invitations.expiresAt, usedAt: schema.invitations.usedAt, revokedAt: schema.invitations.revokedAt })
		.from(schema.invitations)
		.where(eq(schema.invitations.organisationId, orgId))
		.orderBy(desc(schema.invitations.createdAt))
		.limit(200);
}

/** Revokes an open invitation of this council; a used, expired or already revoked one stays as it is. */
export async function revokeInvitation(actorId: string, orgId: string, id: string, now = Date.now()): Promise<{ ok: true } | { ok: false; error: InvitationErrorKey }> {
	return write(async (tx) => {
		const inv = (await tx.select().from(schema.invitations).where(and(eq(schema.invitations.id, id), eq(schema.invitations.organisationId, orgId))).limit(1))[0];
		if (!inv) return { ok: false as const, error: 'invite_error_not_found' as const };
		const state = invitationState(inv, now);
		if (state !== 'open') return { ok: false as const, error: REFUSAL[state] };
		await tx.update(schema.invitations).set({ revokedAt: now }).where(eq(schema.invitations.id, id));
		await audit(actorId, 'admin.invitation.revoke', councilTarget(orgId), { invitation: id }, tx);
		return { ok: true as const };
	});
}

async function byToken(tx: Tx | ReturnType<typeof db>, token: string) {
	if (!/^[a-z0-9]{20,80}$/.test(token)) return null;
	const row = (
		await tx
			.select({ inv: schema.invitations, council: schema.organisations.name })
			.from(schema.invitations)
			.innerJoin(schema.organisations, eq(schema.organisations.id, schema.invitations.organisationId))
			.where(eq(schema.invitations.tokenHash, sha256Hex(token)))
			.limit(1)
	)[0];
	return row ?? null;
}

/** What the invitation page shows: the address, the council and the role, or why the link no longer works. */
export async function openInvitation(token: string, now = Date.now()) {
	const row = await byToken(db(), token);
	if (!row) return { ok: false as const, error: 'invite_error_not_found' as const };
	const state = invitationState(row.inv, now);
	if (state !== 'open') return { ok: false as const, error: REFUSAL[state] };
	return { ok: true as const, email: row.inv.email, council: row.council, role: row.inv.role, locale: row.inv.locale, expiresAt: row.inv.expiresAt };
}

/**
 * Registers with an invitation: creates the account (a trainer invitation gives the trainer role), adds it to the
 * council and spends the invitation, all in one transaction; nothing happens when any of it fails.
 */
export async function acceptInvitation(
	token: string,
	input: { password: string; displayName: string; locale: string },
	now = Date.now()
): Promise<{ ok: true; userId: string; emailKey: string } | { ok: false; error: InvitationErrorKey }> {
	const first = await openInvitation(token, now);
	if (!first.ok) return first;
	const user = await newUserRow({ email: first.email, password: input.password, displayName: input.displayName, locale: input.locale, role: first.role === 'trainer' ? 'trainer' : 'learner' });
	try {
		return await write(async (tx) => {
			// checked again inside the transaction: two tabs, or a revocation in between
			const row = await byToken(tx, token);
			if (!row) return { ok: false as const, error: 'invite_error_not_found' as const };
			const state = invitationState(row.inv, now);
			if (state !== 'open') return { ok: false as const, error: REFUSAL[state] };
			await tx.insert(schema.users).values(user);
			await tx.insert(schema.memberships).values({ organisationId: row.inv.organisationId, userId: user.id, role: row.inv.role, createdAt: now });
			await tx.update(schema.invitations).set({ usedAt: now }).where(eq(schema.invitations.id, row.inv.id));
			await audit(user.id, 'admin.invitation.accept', councilTarget(row.inv.organisationId), { invitation: row.inv.id, role: row.inv.role }, tx);
			return { ok: true as const, userId: user.id, emailKey: user.emailKey };
		});
	} catch (err) {
		if (isUniqueViolation(err)) return { ok: false, error: 'invite_error_has_account' };
		throw err;
	}
}

// ---- privacy: an invitation names the person by address ----

export async function exportInvitations(email: string) {
	const rows = await db()
		.select({ inv: schema.invitations, council: schema.organisations.name })
		.from(schema.invitations)
		.innerJoin(schema.organisations, eq(schema.organisations.id, schema.invitations.organisationId))
		.where(eq(schema.invitations.emailKey, emailKey(email)))
		.orderBy(desc(schema.invitations.createdAt));
	const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
	return rows.map(({ inv, council }) => ({
		email: inv.email,
		council,
		role: inv.role,
		state: invitationState(inv),
		createdAt: iso(inv.createdAt),
		expiresAt: iso(inv.expiresAt),
		usedAt: iso(inv.usedAt),
		revokedAt: iso(inv.revokedAt)
	}));
}

export async function deleteInvitationsToTx(tx: Tx, email: string) {
	await tx.delete(schema.invitations).where(eq(schema.invitations.emailKey, emailKey(email)));
}
