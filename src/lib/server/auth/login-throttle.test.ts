import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { authenticate, createUser, emailKey, requestPasswordReset, resetPassword } from './accounts';
import { isKnownBrowser, LOGIN_LIMITS, loginThrottled, rememberBrowser } from './login-throttle';
import { db, schema } from '../db';

let n = 0;
const email = () => `spray${n++}-${Date.now()}@example.org`;
const address = (prefix: string) => `${prefix}.${n++ % 250}.${Math.floor(n / 250)}`;

async function account(password = 'das richtige Passwort') {
	const e = email();
	const r = await createUser({ email: e, password, displayName: 'Owner' });
	if (!r.ok) throw new Error('no user');
	return { email: e, password, user: r.user };
}

describe('throttling against spraying', () => {
	it('an account sprayed from many addresses slows every stranger down, then opens again by itself', async () => {
		const owner = await account();
		for (let i = 0; i < LOGIN_LIMITS.account.max; i++) expect(await authenticate(owner.email, `falsch ${i}`, address('198.51.100'))).toMatchObject({ ok: false, reason: 'invalid' });
		// a fresh address, the right password: held, because the account is under attack
		const held = await authenticate(owner.email, owner.password, address('198.51.100'));
		expect(held).toMatchObject({ ok: false, reason: 'throttled', scope: 'account' });
		const retryAt = (held as { retryAt: number }).retryAt;
		expect(retryAt).toBeGreaterThan(Date.now());
		expect(retryAt).toBeLessThanOrEqual(Date.now() + LOGIN_LIMITS.account.windowMs);
		// never for good: once the window is over the account takes attempts again
		expect(await loginThrottled(emailKey(owner.email), address('198.51.100'), false, retryAt)).toBeNull();
	});

	it('the owner is not locked out: a known browser logs in during the spray, the reset mail still comes, a reset opens the account', async () => {
		const owner = await account();
		const browser = await rememberBrowser(emailKey(owner.email), undefined);
		for (let i = 0; i < LOGIN_LIMITS.account.max + 5; i++) await authenticate(owner.email, `falsch ${i}`, address('203.0.113'));
		expect(await authenticate(owner.email, owner.password, address('192.0.2'))).toMatchObject({ reason: 'throttled', scope: 'account' });
		// the browser that logged in before passes (from an address it never used)
		expect(await authenticate(owner.email, owner.password, address('192.0.2'), browser)).toMatchObject({ ok: true });
		// a cookie of another account, or a made-up one, does not
		expect(await isKnownBrowser(emailKey(email()), browser)).toBe(false);
		expect(await authenticate(owner.email, owner.password, address('192.0.2'), 'a'.repeat(32))).toMatchObject({ reason: 'throttled' });

		// the reset mail still works during the spray …
		expect(await requestPasswordReset(owner.email, address('192.0.2'), 'de')).toEqual({ ok: true });
		const mail = (await db().select().from(schema.outbox).where(eq(schema.outbox.to, owner.email)))[0];
		const token = /\/reset\/([a-z0-9]+)/.exec(mail.body)![1];
		// … and once the password is reset, the new one works at once from anywhere
		expect(await resetPassword(token, 'ein neues Passwort')).toBe(true);
		expect(await authenticate(owner.email, 'ein neues Passwort', address('192.0.2'))).toMatchObject({ ok: true });
	});

	it('strangers asking for reset mails cannot use up the owner’s: a known browser still gets one', async () => {
		const owner = await account();
		const browser = await rememberBrowser(emailKey(owner.email), undefined);
		for (let i = 0; i < 8; i++) await requestPasswordReset(owner.email, address('100.64.1'), 'de');
		const mails = async () => (await db().select().from(schema.outbox).where(eq(schema.outbox.to, owner.email))).length;
		const before = await mails();
		expect(before).toBe(5);
		await requestPasswordReset(owner.email, address('100.64.2'), 'de');
		expect(await mails()).toBe(before);
		await requestPasswordReset(owner.email, address('100.64.2'), 'de', browser);
		expect(await mails()).toBe(before + 1);
	});

	it('one address trying many accounts is held for every account, other addresses are not', async () => {
		const sprayer = address('233.252.0');
		for (let i = 0; i < LOGIN_LIMITS.address.max; i++) expect((await authenticate(email(), 'Sommer2024!', sprayer)).ok).toBe(false);
		const victim = await account();
		expect(await authenticate(victim.email, victim.password, sprayer)).toMatchObject({ ok: false, reason: 'throttled', scope: 'address' });
		expect(await authenticate(victim.email, victim.password, address('233.252.1'))).toMatchObject({ ok: true });
		// someone at the same address whose browser has logged in before is not held
		const neighbour = await account();
		const browser = await rememberBrowser(emailKey(neighbour.email), undefined);
		expect(await authenticate(neighbour.email, neighbour.password, sprayer, browser)).toMatchObject({ ok: true });
	});

	it('stores no address and no email: only hashes', async () => {
		const owner = await account();
		const where = address('198.18.0');
		await authenticate(owner.email, 'falsch', where);
		await rememberBrowser(emailKey(owner.email), undefined);
		const rows = JSON.stringify([...(await db().select().from(schema.rateLimits)), ...(await db().select().from(schema.knownBrowsers))]);
		expect(rows).not.toContain(where);
		expect(rows).not.toContain(owner.email);
	});
});
