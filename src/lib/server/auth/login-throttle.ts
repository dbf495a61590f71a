// Login throttling against guessing and spraying, in the database so every instance sees the same counts. Failed
// logins are counted per account+address pair, per account across all addresses and per address across all
// accounts. A browser that has logged into the account before skips the last two: spraying an account from many
// addresses slows strangers down but cannot lock its owner out, and a password reset clears the account's count.
import { eq, lt } from 'drizzle-orm';
import { db, write, schema } from '../db';
import { randomToken, sha256Hex } from '../ids';
import { blockedUntil, hit, limitKey, LIMITS, purgeOld, reset, type Limit } from './rate-limit';

export const BROWSER_COOKIE = 'browser';
export const BROWSER_TTL_MS = 365 * 24 * 60 * 60 * 1000;
const TOKEN_RE = /^[a-z0-9]{20,64}$/;

export const LOGIN_LIMITS = {
	/** one address guessing one account's password */
	pair: LIMITS.login,
	/** one account, from any number of addresses: a spray at one person */
	account: { max: 20, windowMs: 15 * 60 * 1000 },
	/** one address, against any number of accounts: a spray of common passwords (generous: a venue's Wi-Fi) */
	address: { max: 50, windowMs: 15 * 60 * 1000 }
} satisfies Record<string, Limit>;

export type ThrottleScope = keyof typeof LOGIN_LIMITS;
export interface Throttled {
	scope: ThrottleScope;
	/** ms epoch when the next attempt is counted again */
	retryAt: number;
}

function keys(accountKey: string, address: string): Record<ThrottleScope, string> {
	return { pair: limitKey('login', accountKey, address), account: limitKey('login-account', accountKey), address: limitKey('login-address', address) };
}

/** Which throttle (if any) holds this attempt; read only, checked before the password is hashed. */
export async function loginThrottled(accountKey: string, address: string, knownBrowser: boolean, now = Date.now()): Promise<Throttled | null> {
	const k = keys(accountKey, address);
	const scopes: ThrottleScope[] = knownBrowser ? ['pair'] : ['pair', 'account', 'address'];
	for (const scope of scopes) {
		const until = await blockedUntil(k[scope], LOGIN_LIMITS[scope], now);
		if (until) return { scope, retryAt: until };
	}
	return null;
}

export async function countLoginFailure(accountKey: string, address: string, now = Date.now()): Promise<void> {
	const k = keys(accountKey, address);
	for (const scope of Object.keys(k) as ThrottleScope[]) await hit(k[scope], LOGIN_LIMITS[scope], now);
	// old windows are worthless; a spray leaves one row per pair, so they are swept now and then
	if (Math.random() < 0.01) await purgeThrottles(now);
}

/** A successful login forgives the pair's failures (not the account's: those may be someone else's). */
export async function loginSucceeded(accountKey: string, address: string): Promise<void> {
	await reset(keys(accountKey, address).pair);
}

/** After a password reset the account's failures no longer matter: the guesses were at the old password. */
export async function clearAccountFailures(accountKey: string): Promise<void> {
	await reset(keys(accountKey, '').account);
}

function browserKey(accountKey: string, token: string): string {
	return sha256Hex(`browser\u0000${accountKey}\u0000${token}`);
}

export async function isKnownBrowser(accountKey: string, token: string | undefined, now = Date.now()): Promise<boolean> {
	if (!token || !TOKEN_RE.test(token)) return false;
	const row = (await db().select().from(schema.knownBrowsers).where(eq(schema.knownBrowsers.key, browserKey(accountKey, token))).limit(1))[0];
	return !!row && row.lastUsedAt > now - BROWSER_TTL_MS;
}

/** Records that this browser logged into the account; returns the cookie token (the given one when it is valid). */
export async function rememberBrowser(accountKey: string, token: string | undefined, now = Date.now()): Promise<string> {
	const value = token && TOKEN_RE.test(token) ? token : randomToken(20);
	const key = browserKey(accountKey, value);
	await write((tx) =>
		tx
			.insert(schema.knownBrowsers)
			.values({ key, lastUsedAt: now })
			.onConflictDoUpdate({ target: schema.knownBrowsers.key, set: { lastUsedAt: now } })
	);
	return value;
}

export async function purgeThrottles(now = Date.now()): Promise<void> {
	await purgeOld(now);
	await write((tx) => tx.delete(schema.knownBrowsers).where(lt(schema.knownBrowsers.lastUsedAt, now - BROWSER_TTL_MS)));
}
