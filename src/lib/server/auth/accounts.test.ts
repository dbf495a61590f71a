import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { authenticate, changePassword, createUser, deleteAccount, issueResetToken, registerUser, requestPasswordReset, resetPassword, checkResetToken, RESET_TTL_MS } from './accounts';
import { createSession, validateSessionToken } from './session';
import { LIMITS } from './rate-limit';
import { db, write, schema } from '../db';
import { sha256Hex } from '../ids';

let n = 0;
const email = () => `a${n++}-${Date.now()}@example.org`;
const ip = () => `10.0.0.${n++ % 250}`;

describe('accounts', () => {
	it('treats emails case-insensitively and refuses a duplicate', async () => {
		const e = email();
		expect((await createUser({ email: e, password: 'passwort123', displayName: 'A' })).ok).toBe(true);
		const again = await createUser({ email: e.toUpperCase(), password: 'passwort123', displayName: 'B' });
		expect(again).toEqual({ ok: false, reason: 'email_taken' });
		expect((await authenticate(e.toUpperCase(), 'passwort123', ip())).ok).toBe(true);
	});

	it('stores an argon2id hash with the required parameters', async () => {
		const r = await createUser({ email: email(), password: 'passwort123', displayName: 'A' });
		if (!r.ok) throw new Error();
		expect(r.user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
	});

	it('throttles an account+address pair after 10 failures, even with the right password', async () => {
		const e = email();
		await createUser({ email: e, password: 'richtiges passwort', displayName: 'T' });
		const addr = ip();
		for (let i = 0; i < 10; i++) expect((await authenticate(e, 'falsch!!', addr)).ok).toBe(false);
		const blocked = await authenticate(e, 'richtiges passwort', addr);
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		expect((blocked as { retryAt: number }).retryAt).toBeGreaterThan(Date.now() + 9 * 60_000);
		// another address is not affected
		expect((await authenticate(e, 'richtiges passwort', ip())).ok).toBe(true);
	});

	it('says the same for an unknown email as for a wrong password', async () => {
		const unknown = await authenticate(email(), 'whatever1', ip());
		const e = email();
		await createUser({ email: e, password: 'richtiges passwort', displayName: 'T' });
		const wrong = await authenticate(e, 'whatever1', ip());
		expect(unknown).toEqual(wrong);
	});

	it('rate-limits registrations per address', async () => {
		const addr = ip() + '-reg';
		for (let i = 0; i < LIMITS.register.max; i++) expect((await registerUser({ email: email(), password: 'passwort123', displayName: 'R', locale: 'de' }, addr)).ok).toBe(true);
		expect(await registerUser({ email: email(), password: 'passwort123', displayName: 'R', locale: 'de' }, addr)).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it('changing the password ends the other sessions', async () => {
		const r = await createUser({ email: email(), password: 'altes passwort', displayName: 'P' });
		if (!r.ok) throw new Error();
		const keep = await createSession(r.user.id);
		const other = await createSession(r.user.id);
		expect(await changePassword(r.user.id, 'falsches', 'neues passwort', keep.session.id)).toBe(false);
		expect(await changePassword(r.user.id, 'altes passwort', 'neues passwort', keep.session.id)).toBe(true);
		expect(await validateSessionToken(keep.token)).not.toBeNull();
		expect(await validateSessionToken(other.token)).toBeNull();
	});

	it('reset tokens are single-use, expire after an hour and are stored hashed; the mail goes to the outbox', async () => {
		const e = email();
		const r = await createUser({ email: e, password: 'altes passwort', displayName: 'R' });
		if (!r.ok) throw new Error();
		const s = await createSession(r.user.id);
		const token = await issueResetToken(r.user);
		const mail = (await db().select().from(schema.outbox).where(eq(schema.outbox.to, e)))[0];
		expect(mail.body).toContain(`/reset/${token}`);
		expect((await db().select().from(schema.passwordResets).where(eq(schema.passwordResets.tokenHash, token))).length).toBe(0);
		expect(await checkResetToken(token, Date.now() + RESET_TTL_MS + 1)).toBeNull();
		expect(await resetPassword(token, 'neues passwort')).toBe(true);
		expect(await resetPassword(token, 'noch ein passwort')).toBe(false);
		expect((await authenticate(e, 'neues passwort', ip())).ok).toBe(true);
		expect(await validateSessionToken(s.token)).toBeNull();
	});

	it('an expired reset token changes nothing', async () => {
		const e = email();
		const r = await createUser({ email: e, password: 'altes passwort', displayName: 'R' });
		if (!r.ok) throw new Error();
		const token = await issueResetToken(r.user);
		await write((tx) => tx.update(schema.passwordResets).set({ expiresAt: Date.now() - 1 }).where(eq(schema.passwordResets.tokenHash, sha256Hex(token))));
		expect(await resetPassword(token, 'neues passwort')).toBe(false);
		expect((await authenticate(e, 'altes passwort', ip())).ok).toBe(true);
	});

	it('a reset request for an unknown email answers like a known one and sends nothing', async () => {
		const before = (await db().select().from(schema.outbox)).length;
		expect(await requestPasswordReset(email(), ip(), 'de')).toEqual({ ok: true });
		expect((await db().select().from(schema.outbox)).length).toBe(before);
	});

	it('deleting an account needs the password and removes the user and sessions', async () => {
		const r = await createUser({ email: email(), password: 'mein passwort', displayName: 'D' });
		if (!r.ok) throw new Error();
		const s = await createSession(r.user.id);
		expect(await deleteAccount(r.user.id, 'falsch')).toBe(false);
		expect(await validateSessionToken(s.token)).not.toBeNull();
		expect(await deleteAccount(r.user.id, 'mein passwort')).toBe(true);
		expect(await validateSessionToken(s.token)).toBeNull();
		expect((await db().select().from(schema.users).where(eq(schema.users.id, r.user.id))).length).toBe(0);
	});
});
