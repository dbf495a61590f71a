// Accounts: registration, login with throttling, profile, password change and reset, deletion.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { db, write, schema } from '../db';
import type { Role, User } from '../db/schema';
import { newId, randomToken, sha256Hex } from '../ids';
import { dummyHash, hashPassword, verifyPassword } from './password';
import { limitKey, LIMITS, consume } from './rate-limit';
import { clearAccountFailures, countLoginFailure, isKnownBrowser, loginSucceeded, loginThrottled, type ThrottleScope } from './login-throttle';
import { invalidateUserSessions } from './session';
import { sendMail } from '../mail';
import { config } from '../config';
import { isLocale, t } from '../i18n';
import { audit } from '../audit';
import { deleteUserData } from '../privacy';
import { cleanName } from '../../validation/names';

export const RESET_TTL_MS = 60 * 60 * 1000;

export function emailKey(email: string) {
	return email.trim().toLowerCase();
}

export async function findUserByEmail(email: string): Promise<User | undefined> {
	return (await db().select().from(schema.users).where(eq(schema.users.emailKey, emailKey(email))).limit(1))[0];
}

export async function getUser(id: string): Promise<User | undefined> {
	return (await db().select().from(schema.users).where(eq(schema.users.id, id)).limit(1))[0];
}

export type RegisterResult = { ok: true; user: User } | { ok: false; reason: 'email_taken' | 'rate_limited'; retryAt?: number };

export async function createUser(input: { email: string; password: string; displayName: string; locale?: string; role?: Role }): Promise<RegisterResult> {
	const user = await newUserRow(input);
	try {
		await write((tx) => tx.insert(schema.users).values(user));
	} catch (err) {
		if (isUniqueViolation(err)) return { ok: false, reason: 'email_taken' };
		throw err;
	}
	return { ok: true, user };
}

export function isUniqueViolation(err: unknown): boolean {
	return String((err as Error)?.message ?? err).includes('UNIQUE') || String((err as { cause?: unknown })?.cause ?? '').includes('UNIQUE');
}

/** The row of a new account (password hashed, name NFC), for callers that insert it in their own transaction. */
export async function newUserRow(input: { email: string; password: string; displayName: string; locale?: string; role?: Role }): Promise<User> {
	const passwordHash = await hashPassword(input.password);
	const now = Date.now();
	return {
		id: newId(),
		email: input.email.trim(),
		emailKey: emailKey(input.email),
		// forms validate with nameField already; NFC here too for every other caller (CLI, tests)
		displayName: cleanName(input.displayName),
		passwordHash,
		locale: input.locale ?? 'de',
		plainLanguage: false,
		role: input.role ?? 'learner',
		disabledAt: null,
		privacyAcceptedAt: now,
		createdAt: now
	};
}

export async function registerUser(input: { email: string; password: string; displayName: string; locale: string }, clientAddress: string): Promise<RegisterResult> {
	const limit = await consume(limitKey('register', clientAddress), LIMITS.register);
	if (!limit.ok) return { ok: false, reason: 'rate_limited', retryAt: limit.retryAt };
	if (await findUserByEmail(input.email)) return { ok: false, reason: 'email_taken' };
	return createUser(input);
}

export type LoginResult =
	| { ok: true; user: User }
	| { ok: false; reason: 'invalid' | 'disabled' }
	| { ok: false; reason: 'throttled'; scope: ThrottleScope; retryAt: number };

/**
 * Checks the throttles before hashing (see login-throttle.ts), then the password; failures are counted per
 * account+address pair, per account and per address. `browserToken` is the known-browser cookie, if any.
 */
export async function authenticate(email: string, password: string, clientAddress: string, browserToken?: string): Promise<LoginResult> {
	const account = emailKey(email);
	const throttled = await loginThrottled(account, clientAddress, await isKnownBrowser(account, browserToken));
	if (throttled) return { ok: false, reason: 'throttled', ...throttled };
	const user = await findUserByEmail(email);
	const valid = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
	if (!user || !valid) {
		await countLoginFailure(account, clientAddress);
		return { ok: false, reason: 'invalid' };
	}
	if (user.disabledAt !== null) return { ok: false, reason: 'disabled' };
	await loginSucceeded(account, clientAddress);
	return { ok: true, user };
}

export async function updateProfile(userId: string, fields: { displayName: string; locale: string }) {
	await write((tx) => tx.update(schema.users).set({ displayName: cleanName(fields.displayName), locale: fields.locale }).where(eq(schema.users.id, userId)));
}

export async function setUserLocale(userId: string, locale: string) {
	await write((tx) => tx.update(schema.users).set({ locale }).where(eq(schema.users.id, userId)));
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(userId: string, current: string, next: string, keepSessionId: string): Promise<boolean> {
	const user = await getUser(userId);
	if (!user || !(await verifyPassword(user.passwordHash, current))) return false;
	const passwordHash = await hashPassword(next);
	await write((tx) => tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, userId)));
	await invalidateUserSessions(userId, keepSessionId);
	return true;
}

/**
 * Always answers the same, whether or not the email has an account. The per-account limit keeps strangers from
 * flooding someone's mailbox; a browser that has logged into the account before is not held by it, so requests
 * from others cannot keep the owner from getting the mail. The mail is in the account's language (the person's
 * choice); `pageLocale` only when the account's is not one of ours.
 */
export async function requestPasswordReset(email: string, clientAddress: string, pageLocale: string, browserToken?: string): Promise<{ ok: boolean; retryAt?: number }> {
	const byAddress = await consume(limitKey('reset-ip', clientAddress), LIMITS.reset);
	if (!byAddress.ok) return { ok: false, retryAt: byAddress.retryAt };
	const user = await findUserByEmail(email);
	if (!user || user.disabledAt !== null) return { ok: true };
	const known = await isKnownBrowser(user.emailKey, browserToken);
	const byAccount = known ? { ok: true } : await consume(limitKey('reset-account', user.id), LIMITS.reset);
	if (!byAccount.ok) return { ok: true };
	await issueResetToken(user, isLocale(user.locale) ? user.locale : pageLocale);
	return { ok: true };
}

export async function issueResetToken(user: User, locale = user.locale) {
	const token = randomToken(32);
	const now = Date.now();
	await write((tx) => tx.insert(schema.passwordResets).values({ tokenHash: sha256Hex(token), userId: user.id, expiresAt: now + RESET_TTL_MS, createdAt: now }));
	const link = `${config.origin}/reset/${token}`;
	await sendMail({ to: user.email, subject: t(locale, 'mail_reset_subject'), body: t(locale, 'mail_reset_body', { name: user.displayName, link }) });
	return token;
}

export async function checkResetToken(token: string, now = Date.now()) {
	const row = (
		await db()
			.select()
			.from(schema.passwordResets)
			.where(and(eq(schema.passwordResets.tokenHash, sha256Hex(token)), isNull(schema.passwordResets.usedAt), gt(schema.passwordResets.expiresAt, now)))
			.limit(1)
	)[0];
	return row ?? null;
}

/** Sets a new password with a single-use token; ends every session of the account. */
export async function resetPassword(token: string, password: string): Promise<boolean> {
	const passwordHash = await hashPassword(password);
	const now = Date.now();
	const userId = await write(async (tx) => {
		const row = (
			await tx
				.select()
				.from(schema.passwordResets)
				.where(and(eq(schema.passwordResets.tokenHash, sha256Hex(token)), isNull(schema.passwordResets.usedAt), gt(schema.passwordResets.expiresAt, now)))
				.limit(1)
		)[0];
		if (!row) return null;
		await tx.update(schema.passwordResets).set({ usedAt: now }).where(eq(schema.passwordResets.tokenHash, row.tokenHash));
		await tx.update(schema.users).set({ passwordHash }).where(eq(schema.users.id, row.userId));
		await tx.delete(schema.sessions).where(eq(schema.sessions.userId, row.userId));
		return row.userId;
	});
	if (userId === null) return false;
	const user = await getUser(userId);
	if (user) await clearAccountFailures(user.emailKey);
	return true;
}

/** Deletes the account after the password is re-entered. Others' records that must stay are anonymised. */
export async function deleteAccount(userId: string, password: string): Promise<boolean> {
	const user = await getUser(userId);
	if (!user || !(await verifyPassword(user.passwordHash, password))) return false;
	await write(async (tx) => {
		await deleteUserData(tx, userId);
		await tx.delete(schema.sessions).where(eq(schema.sessions.userId, userId));
		await tx.delete(schema.passwordResets).where(eq(schema.passwordResets.userId, userId));
		await tx.delete(schema.memberships).where(eq(schema.memberships.userId, userId));
		await tx.delete(schema.users).where(eq(schema.users.id, userId));
	});
	await audit(null, 'account.deleted', userId);
	return true;
}

export async function setRole(userId: string, role: Role) {
	await write((tx) => tx.update(schema.users).set({ role }).where(eq(schema.users.id, userId)));
}
