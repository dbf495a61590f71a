// Sessions after the Lucia guide: `id.secret` tokens, SHA-256 of the secret stored, sliding expiry.
import { and, eq, gt, ne, lt, or, sql } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { decodeHex } from '@oslojs/encoding';
import { db, write, schema } from '../db';
import { newId, randomToken } from '../ids';
import type { Role } from '../db/schema';

const DAY = 24 * 60 * 60 * 1000;
export const INACTIVITY_MS = 10 * DAY;
export const ABSOLUTE_MS = 60 * DAY;
/** Extend the sliding expiry at most once a day, so a session costs one write a day. */
const REFRESH_AFTER_MS = DAY;
export const SESSION_COOKIE = 'session';

export interface SessionUser {
	id: string;
	email: string;
	displayName: string;
	locale: string;
	/** lessons in Leichte Sprache when they have that variant */
	plainLanguage: boolean;
	role: Role;
}
export interface ValidSession {
	id: string;
	userId: string;
	expiresAt: number;
	absoluteExpiresAt: number;
}

// Built once: drizzle's query building costs more than the query itself on this hot path.
let lookup: ReturnType<typeof buildLookup> | undefined;
let lookupDb: unknown;
function buildLookup() {
	return db()
		.select({
			id: schema.sessions.id,
			secretHash: schema.sessions.secretHash,
			userId: schema.sessions.userId,
			expiresAt: schema.sessions.expiresAt,
			absoluteExpiresAt: schema.sessions.absoluteExpiresAt,
			email: schema.users.email,
			displayName: schema.users.displayName,
			locale: schema.users.locale,
			plainLanguage: schema.users.plainLanguage,
			role: schema.users.role,
			disabledAt: schema.users.disabledAt
		})
		.from(schema.sessions)
		.innerJoin(schema.users, eq(schema.users.id, schema.sessions.userId))
		.where(eq(schema.sessions.id, sql.placeholder('id')))
		.limit(1)
		.prepare();
}
function sessionLookup() {
	if (!lookup || lookupDb !== db()) {
		lookup = buildLookup();
		lookupDb = db();
	}
	return lookup;
}

function hashSecret(secret: string): string {
	return createHash('sha256').update(secret).digest('hex');
}

const SESSION_IN_HEADER = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]*)`);

/** The session token in a raw Cookie header (the fast paths read it before SvelteKit parses cookies), or null. */
export function sessionTokenIn(cookieHeader: string | null): string | null {
	const m = cookieHeader ? SESSION_IN_HEADER.exec(cookieHeader) : null;
	if (!m) return null;
	try {
		return decodeURIComponent(m[1]);
	} catch {
		return null;
	}
}

export async function createSession(userId: string, userAgent = '', now = Date.now()) {
	const id = newId();
	const secret = randomToken(32);
	const row = {
		id,
		secretHash: hashSecret(secret),
		userId,
		createdAt: now,
		expiresAt: Math.min(now + INACTIVITY_MS, now + ABSOLUTE_MS),
		absoluteExpiresAt: now + ABSOLUTE_MS,
		userAgent: userAgent.slice(0, 200)
	};
	await write((tx) => tx.insert(schema.sessions).values(row));
	return { token: `${id}.${secret}`, session: row };
}

export async function validateSessionToken(
	token: string,
	now = Date.now()
): Promise<{ session: ValidSession; user: SessionUser } | null> {
	const dot = token.indexOf('.');
	if (dot < 1 || token.length > 200) return null;
	const id = token.slice(0, dot);
	const secret = token.slice(dot + 1);
	const rows = await sessionLookup().all({ id });
	const row = rows[0];
	if (!row) return null;
	const given = decodeHex(hashSecret(secret));
	if (!constantTimeEqual(given, decodeHex(row.secretHash))) return null;
	if (now >= row.expiresAt || now >= row.absoluteExpiresAt || row.disabledAt !== null) {
		await invalidateSession(id);
		return null;
	}
	let expiresAt = row.expiresAt;
	if (now - (expiresAt - INACTIVITY_MS) >= REFRESH_AFTER_MS) {
		expiresAt = Math.min(now + INACTIVITY_MS, row.absoluteExpiresAt);
		await write((tx) =>
			tx.update(schema.sessions).set({ expiresAt }).where(eq(schema.sessions.id, id))
		);
	}
	return {
		session: { id, userId: row.userId, expiresAt, absoluteExpiresAt: row.absoluteExpiresAt },
		user: { id: row.userId, email: row.email, displayName: row.displayName, locale: row.locale, plainLanguage: row.plainLanguage, role: row.role }
	};
}

export async function invalidateSession(id: string) {
	await write((tx) => tx.delete(schema.sessions).where(eq(schema.sessions.id, id)));
}

/** Ends every session of a user, except `keepId` when given. */
export async function invalidateUserSessions(userId: string, keepId?: string) {
	await write((tx) =>
		tx
			.delete(schema.sessions)
			.where(
				keepId
					? and(eq(schema.sessions.userId, userId), ne(schema.sessions.id, keepId))
					: eq(schema.sessions.userId, userId)
			)
	);
}

export async function listUserSessions(userId: string, now = Date.now()) {
	return db()
		.select({
			id: schema.sessions.id,
			createdAt: schema.sessions.createdAt,
			expiresAt: schema.sessions.expiresAt,
			userAgent: schema.sessions.userAgent
		})
		.from(schema.sessions)
		.where(and(eq(schema.sessions.userId, userId), gt(schema.sessions.expiresAt, now)));
}

export async function deleteExpiredSessions(now = Date.now()) {
	await write((tx) =>
		tx
			.delete(schema.sessions)
			.where(or(lt(schema.sessions.expiresAt, now), lt(schema.sessions.absoluteExpiresAt, now)))
	);
}
