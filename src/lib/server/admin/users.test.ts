import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { createSession, validateSessionToken } from '../auth/session';
import { authenticate, getUser } from '../auth/accounts';
import { createUser } from '../auth/accounts';
import { changeRole, getUserDetail, listUsers, sendPasswordReset, setDisabled } from './users';
import { insertUser } from './test-users';
import { listAudit } from './audit-log';

async function auditFor(action: string) {
	return (await listAudit({ prefix: action })).rows;
}

describe('listUsers', () => {
	it('searches email and name case-insensitively and pages by 25', async () => {
		for (let i = 0; i < 30; i++) await insertUser({ email: `paging-${String(i).padStart(2, '0')}@Example.org`, displayName: `Paging Person ${i}` });
		await insertUser({ email: 'oezlem@example.org', displayName: 'Özlem Yıldız' });
		await insertUser({ email: 'Karim.Haddad@Example.org', displayName: 'Karim Haddad' });
		await insertUser({ email: 'percent@example.org', displayName: 'Hundert 100% Sicher' });

		const first = await listUsers({ q: 'PAGING', page: 1 });
		expect(first.total).toBe(30);
		expect(first.pages).toBe(2);
		expect(first.rows).toHaveLength(25);
		expect(first.rows[0].email).toBe('paging-00@Example.org');
		const second = await listUsers({ q: 'paging', page: 2 });
		expect(second.rows.map((r) => r.email)).toEqual([25, 26, 27, 28, 29].map((i) => `paging-${i}@Example.org`));
		expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(30);

		expect((await listUsers({ q: 'karim.haddad@example' })).rows.map((r) => r.displayName)).toEqual(['Karim Haddad']);
		expect((await listUsers({ q: 'HADDAD' })).total).toBe(1);
		expect((await listUsers({ q: 'özlem' })).rows.map((r) => r.email)).toEqual(['oezlem@example.org']);
		// LIKE wildcards in the query match themselves
		expect((await listUsers({ q: '100%' })).rows.map((r) => r.email)).toEqual(['percent@example.org']);
		expect((await listUsers({ q: '_' })).total).toBe(0);
		expect((await listUsers({ q: 'nobody-here' })).rows).toEqual([]);
		// a page past the end is empty, not an error
		expect((await listUsers({ q: 'paging', page: 9 })).rows).toEqual([]);
	});
});

describe('changeRole', () => {
	it('changes a role and writes who did it to the audit log', async () => {
		const admin = await insertUser({ role: 'admin' });
		const user = await insertUser();
		expect(await changeRole(admin.id, user.id, 'trainer')).toEqual({ ok: true });
		expect((await getUser(user.id))?.role).toBe('trainer');
		const [entry] = await auditFor('admin.user.role');
		expect(entry.action).toBe('admin.user.role');
		expect(entry.parts).toEqual([
			{ text: admin.displayName, href: `/admin/users/${admin.id}` },
			{ text: ' hat die Rolle von ' },
			{ text: user.displayName, href: `/admin/users/${user.id}` },
			{ text: ' von Lernende:r zu Trainer:in geändert.' }
		]);
	});

	it('refuses an unknown role or user and changes nothing', async () => {
		const admin = await insertUser({ role: 'admin' });
		const user = await insertUser();
		expect(await changeRole(admin.id, user.id, 'superuser')).toEqual({ ok: false, error: 'admin_error_role_invalid' });
		expect(await changeRole(admin.id, 'missing', 'trainer')).toEqual({ ok: false, error: 'admin_error_user_not_found' });
		expect((await getUser(user.id))?.role).toBe('learner');
	});

	it('never demotes the last admin who can log in', async () => {
		// this file's DB has other admins from earlier tests: disable them all but one
		const admins = await db().select().from(schema.users).where(eq(schema.users.role, 'admin'));
		const last = await insertUser({ role: 'admin' });
		for (const a of admins) expect(await setDisabled(last.id, a.id, true)).toEqual({ ok: true });
		expect(await changeRole(last.id, last.id, 'learner')).toEqual({ ok: false, error: 'admin_error_last_admin' });
		expect((await getUser(last.id))?.role).toBe('admin');
		// with a second admin, demoting oneself is allowed
		const second = await insertUser({ role: 'admin' });
		expect(await changeRole(last.id, last.id, 'trainer')).toEqual({ ok: true });
		expect(await changeRole(second.id, second.id, 'learner')).toEqual({ ok: false, error: 'admin_error_last_admin' });
	});
});

describe('setDisabled', () => {
	it('disables an account, ends all its sessions, refuses its login; enabling lets it back in', async () => {
		const admin = await insertUser({ role: 'admin' });
		const r = await createUser({ email: 'disable-me@example.org', password: 'ein langes Passwort', displayName: 'Disable Me' });
		if (!r.ok) throw new Error(r.reason);
		const s1 = await createSession(r.user.id);
		const s2 = await createSession(r.user.id);
		expect(await validateSessionToken(s1.token)).not.toBeNull();

		expect(await setDisabled(admin.id, r.user.id, true)).toEqual({ ok: true });
		expect(await db().select().from(schema.sessions).where(eq(schema.sessions.userId, r.user.id))).toEqual([]);
		expect(await validateSessionToken(s2.token)).toBeNull();
		expect(await authenticate('disable-me@example.org', 'ein langes Passwort', '127.0.0.9')).toMatchObject({ ok: false, reason: 'disabled' });
		const [entry] = await auditFor('admin.user.disable');
		expect(entry.parts.map((p) => p.href)).toEqual([`/admin/users/${admin.id}`, undefined, `/admin/users/${r.user.id}`, undefined]);
		expect(entry.details).toEqual([{ term: 'Beendete Sitzungen', value: '2' }]);

		expect(await setDisabled(admin.id, r.user.id, false)).toEqual({ ok: true });
		expect(await authenticate('disable-me@example.org', 'ein langes Passwort', '127.0.0.9')).toMatchObject({ ok: true });
		expect((await auditFor('admin.user.enable'))[0].parts).toContainEqual({ text: r.user.displayName, href: `/admin/users/${r.user.id}` });
	});

	it('does not let an admin disable themselves', async () => {
		const admin = await insertUser({ role: 'admin' });
		expect(await setDisabled(admin.id, admin.id, true)).toEqual({ ok: false, error: 'admin_error_self_disable' });
		expect((await getUser(admin.id))?.disabledAt).toBeNull();
	});
});

describe('sendPasswordReset', () => {
	it('mails a reset link in the user’s language and audits it; not for disabled accounts', async () => {
		const admin = await insertUser({ role: 'admin' });
		const user = await insertUser({ email: 'reset-by-admin@example.org' });
		expect(await sendPasswordReset(admin.id, user.id)).toEqual({ ok: true });
		const mails = await db().select().from(schema.outbox).where(eq(schema.outbox.to, 'reset-by-admin@example.org'));
		expect(mails).toHaveLength(1);
		expect(mails[0].body).toMatch(/\/reset\/[a-z0-9]+/);
		expect(await db().select().from(schema.passwordResets).where(eq(schema.passwordResets.userId, user.id))).toHaveLength(1);
		expect((await auditFor('admin.user.reset'))[0].parts.map((p) => p.href).filter(Boolean)).toEqual([`/admin/users/${admin.id}`, `/admin/users/${user.id}`]);

		const off = await insertUser({ disabledAt: Date.now() });
		expect(await sendPasswordReset(admin.id, off.id)).toEqual({ ok: false, error: 'admin_error_reset_disabled' });
		expect(await sendPasswordReset(admin.id, 'missing')).toEqual({ ok: false, error: 'admin_error_user_not_found' });
	});
});

describe('getUserDetail', () => {
	it('returns the account without its password hash, with sessions counted', async () => {
		const user = await insertUser();
		await createSession(user.id);
		const d = await getUserDetail(user.id);
		expect(d?.sessions).toBe(1);
		expect(d?.user).not.toHaveProperty('passwordHash');
		expect(d?.memberships).toEqual([]);
		expect(await getUserDetail('missing')).toBeNull();
	});
});
