// Administration of accounts: search and paging, role changes, disabling, password-reset mails.
// Every change writes its audit entry in the same transaction as the change.
import { and, asc, count, eq, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { db, write, schema, type Tx } from '../db';
import { ROLES, type Role } from '../db/schema';
import { issueResetToken, getUser } from '../auth/accounts';
import { audit } from '../audit';
import { containsPattern, paged, USERS_PER_PAGE, type Paged } from './paging';

export type AdminResult = { ok: true } | { ok: false; error: AdminErrorKey };
/** Message keys of messages/<locale>/admin.json; the route translates them. */
export type AdminErrorKey =
	| 'admin_error_user_not_found'
	| 'admin_error_last_admin'
	| 'admin_error_self_disable'
	| 'admin_error_reset_disabled'
	| 'admin_error_role_invalid'
	| 'role_confirm_stale';

export interface UserRow {
	id: string;
	email: string;
	displayName: string;
	role: Role;
	disabledAt: number | null;
	createdAt: number;
}

const userColumns = {
	id: schema.users.id,
	email: schema.users.email,
	displayName: schema.users.displayName,
	role: schema.users.role,
	disabledAt: schema.users.disabledAt,
	createdAt: schema.users.createdAt
};

export const userTarget = (id: string) => `user:${id}`;

function like(column: AnyColumn, pattern: string) {
	return sql`${column} like ${pattern} escape '\\'`;
}

/**
 * Users whose email or display name contains `q`, 25 a page, by email.
 * SQLite's LIKE folds ASCII case only; the email key is already lower-cased in full Unicode, and for
 * names the query is also tried as typed and capitalised, which covers "özlem" finding "Özlem".
 */
export async function listUsers(opts: { q?: string; page?: number } = {}): Promise<Paged<UserRow>> {
	const q = (opts.q ?? '').trim().slice(0, 100);
	const page = opts.page ?? 1;
	let where: SQL | undefined;
	if (q) {
		const lower = q.toLowerCase();
		const variants = [...new Set([q, lower, lower.charAt(0).toUpperCase() + lower.slice(1)])];
		where = or(like(schema.users.emailKey, containsPattern(lower)), ...variants.map((v) => like(schema.users.displayName, containsPattern(v))));
	}
	const [{ n }] = await db().select({ n: count() }).from(schema.users).where(where);
	const rows = await db()
		.select(userColumns)
		.from(schema.users)
		.where(where)
		.orderBy(asc(schema.users.emailKey))
		.limit(USERS_PER_PAGE)
		.offset((page - 1) * USERS_PER_PAGE);
	return paged(rows, n, page, USERS_PER_PAGE);
}

export async function getUserDetail(id: string) {
	const user = (await db().select(userColumns).from(schema.users).where(eq(schema.users.id, id)).limit(1))[0];
	if (!user) return null;
	const memberships = await db()
		.select({
			organisationId: schema.organisations.id,
			name: schema.organisations.name,
			city: schema.organisations.city,
			role: schema.memberships.role,
			since: schema.memberships.createdAt
		})
		.from(schema.memberships)
		.innerJoin(schema.organisations, eq(schema.organisations.id, schema.memberships.organisationId))
		.where(eq(schema.memberships.userId, id))
		.orderBy(asc(schema.organisations.name));
	const [{ n: sessions }] = await db().select({ n: count() }).from(schema.sessions).where(eq(schema.sessions.userId, id));
	return { user, memberships, sessions };
}

export async function countUsers() {
	const [{ n }] = await db().select({ n: count() }).from(schema.users);
	return n;
}

/** Admins who can still log in: the ones that keep the site administrable. */
async function activeAdmins(tx: Tx): Promise<number> {
	const [{ n }] = await tx
		.select({ n: count() })
		.from(schema.users)
		.where(and(eq(schema.users.role, 'admin'), isNull(schema.users.disabledAt)));
	return n;
}

async function loadUser(tx: Tx, id: string) {
	return (await tx.select(userColumns).from(schema.users).where(eq(schema.users.id, id)).limit(1))[0];
}

/**
 * Changes a role; the last admin who can log in cannot be demoted (that would lock everyone out), whoever asks,
 * themselves included. `expectedFrom`: the role the confirmation showed.
 */
export async function changeRole(actorId: string, userId: string, role: string, expectedFrom?: string): Promise<AdminResult> {
	if (!(ROLES as readonly string[]).includes(role)) return { ok: false, error: 'admin_error_role_invalid' };
	return write(async (tx) => {
		const user = await loadUser(tx, userId);
		if (!user) return { ok: false, error: 'admin_error_user_not_found' } as const;
		// confirmed for a role the account no longer has (someone else changed it meanwhile): ask again
		if (expectedFrom !== undefined && user.role !== expectedFrom) return { ok: false, error: 'role_confirm_stale' } as const;
		if (user.role === role) return { ok: true } as const;
		if (user.role === 'admin' && user.disabledAt === null && (await activeAdmins(tx)) <= 1) {
			return { ok: false, error: 'admin_error_last_admin' } as const;
		}
		await tx.update(schema.users).set({ role: role as Role }).where(eq(schema.users.id, userId));
		await audit(actorId, 'admin.user.role', userTarget(userId), { from: user.role, to: role }, tx);
		return { ok: true } as const;
	});
}

/** Disables (and ends every session of) or re-enables an account. Admins cannot disable themselves. */
export async function setDisabled(actorId: string, userId: string, disabled: boolean): Promise<AdminResult> {
	if (disabled && actorId === userId) return { ok: false, error: 'admin_error_self_disable' };
	return write(async (tx) => {
		const user = await loadUser(tx, userId);
		if (!user) return { ok: false, error: 'admin_error_user_not_found' } as const;
		if (disabled) {
			if (user.role === 'admin' && user.disabledAt === null && (await activeAdmins(tx)) <= 1) {
				return { ok: false, error: 'admin_error_last_admin' } as const;
			}
			if (user.disabledAt === null) await tx.update(schema.users).set({ disabledAt: Date.now() }).where(eq(schema.users.id, userId));
			const ended = await tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId)).returning({ id: schema.sessions.id });
			await audit(actorId, 'admin.user.disable', userTarget(userId), { sessionsEnded: ended.length }, tx);
		} else {
			if (user.disabledAt === null) return { ok: true } as const;
			await tx.update(schema.users).set({ disabledAt: null }).where(eq(schema.users.id, userId));
			await audit(actorId, 'admin.user.enable', userTarget(userId), {}, tx);
		}
		return { ok: true } as const;
	});
}

/** Mails the user a reset link in their own language (the same token flow as "forgot password"). */
export async function sendPasswordReset(actorId: string, userId: string): Promise<AdminResult> {
	const user = await getUser(userId);
	if (!user) return { ok: false, error: 'admin_error_user_not_found' };
	if (user.disabledAt !== null) return { ok: false, error: 'admin_error_reset_disabled' };
	await issueResetToken(user);
	await audit(actorId, 'admin.user.reset', userTarget(userId));
	return { ok: true };
}
