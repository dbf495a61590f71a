import { describe, expect, it } from 'vitest';
import { createUser } from './accounts';
import { ABSOLUTE_MS, createSession, INACTIVITY_MS, invalidateUserSessions, listUserSessions, validateSessionToken } from './session';
import { db, schema } from '../db';
import { eq } from 'drizzle-orm';

const DAY = 86_400_000;
let n = 0;
async function user() {
	const r = await createUser({ email: `s${n++}-${Date.now()}@example.org`, password: 'long enough', displayName: 'S' });
	if (!r.ok) throw new Error(r.reason);
	return r.user;
}

describe('sessions', () => {
	it('stores only a hash of the secret and accepts the token', async () => {
		const u = await user();
		const { token, session } = await createSession(u.id, 'UA');
		const secret = token.split('.')[1];
		expect(secret.length).toBeGreaterThanOrEqual(52); // 32 bytes in base32
		const row = (await db().select().from(schema.sessions).where(eq(schema.sessions.id, session.id)))[0];
		expect(row.secretHash).not.toContain(secret);
		expect(JSON.stringify(row)).not.toContain(secret);
		const v = await validateSessionToken(token);
		expect(v?.user.id).toBe(u.id);
	});

	it('rejects a tampered secret, an unknown id and garbage', async () => {
		const u = await user();
		const { token } = await createSession(u.id);
		const [id, secret] = token.split('.');
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(`${id}.${flipped}`)).toBeNull();
		expect(await validateSessionToken(`zzzz.${secret}`)).toBeNull();
		expect(await validateSessionToken('not-a-token')).toBeNull();
		expect(await validateSessionToken('')).toBeNull();
	});

	it('expires after 10 days without use and slides while used', async () => {
		const u = await user();
		const t0 = Date.now();
		const { token } = await createSession(u.id, '', t0);
		// used on day 9: still valid, and the expiry moves on
		const day9 = await validateSessionToken(token, t0 + 9 * DAY);
		expect(day9).not.toBeNull();
		expect(day9!.session.expiresAt).toBe(t0 + 9 * DAY + INACTIVITY_MS);
		// day 18 is within 10 days of day 9
		expect(await validateSessionToken(token, t0 + 18 * DAY)).not.toBeNull();
		// 10 days of silence after day 18 ends it
		expect(await validateSessionToken(token, t0 + 28 * DAY + 1)).toBeNull();
	});

	it('never outlives its absolute lifetime of 60 days, even when used daily', async () => {
		const u = await user();
		const t0 = Date.now();
		const { token } = await createSession(u.id, '', t0);
		for (let d = 1; d < 60; d += 5) expect(await validateSessionToken(token, t0 + d * DAY)).not.toBeNull();
		expect(await validateSessionToken(token, t0 + ABSOLUTE_MS)).toBeNull();
	});

	it('ends the other sessions and keeps the current one', async () => {
		const u = await user();
		const a = await createSession(u.id);
		const b = await createSession(u.id);
		await invalidateUserSessions(u.id, a.session.id);
		expect(await validateSessionToken(a.token)).not.toBeNull();
		expect(await validateSessionToken(b.token)).toBeNull();
		expect((await listUserSessions(u.id)).map((s) => s.id)).toEqual([a.session.id]);
	});
});
