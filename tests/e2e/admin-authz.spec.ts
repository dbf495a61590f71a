// The authorisation matrix for /admin: every page and form action, for anonymous, learner, trainer
// and admin, over real HTTP against the built server. Non-admins go first and must change nothing.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type AuthzRoute, type Expectation, type Principal } from '../authz';

const NON_ADMINS = ['anonymous', 'learner', 'trainer'];

/** Anonymous → login, learner and trainer → 403, admin → `admin`. */
function adminOnly(admin: Expectation, anonymous: Expectation = 'login'): Record<string, Expectation> {
	return expectAll(['learner', 'trainer'], 'forbidden', { anonymous, admin });
}

function adminRoutes(ids: { user: string; userEmail: string; council: string; inviteEmail: string }): AuthzRoute[] {
	const u = `/admin/users/${ids.user}`;
	const c = `/admin/councils/${ids.council}`;
	return [
		{ path: '/admin', expect: adminOnly('ok') },
		{ path: '/admin/users', expect: adminOnly('ok') },
		{ path: '/admin/users?q=authz&page=2', expect: adminOnly('ok') },
		{ path: u, expect: adminOnly('ok') },
		{ path: '/admin/users/no-such-user', expect: adminOnly('notFound') },
		{ path: '/admin/councils', expect: adminOnly('ok') },
		{ path: c, expect: adminOnly('ok') },
		{ path: '/admin/councils/no-such-council', expect: adminOnly('notFound') },
		{ path: '/admin/audit', expect: adminOnly('ok') },
		{ path: '/admin/audit?prefix=admin.&page=1', expect: adminOnly('ok') },
		{ path: '/admin/audit?action=group%3Acouncils', expect: adminOnly('ok') },
		{ path: '/admin/audit?action=studio.episode.publish&page=2', expect: adminOnly('ok') },
		// the first step only asks (200, nothing changes); the confirmation changes the role
		{ method: 'POST', path: `${u}?/role`, form: { role: 'trainer' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${u}?/roleConfirm`, form: { role: 'trainer', from: 'learner' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${u}?/disable`, expect: adminOnly('ok') },
		{ method: 'POST', path: `${u}?/enable`, expect: adminOnly('ok') },
		{ method: 'POST', path: `${u}?/reset`, expect: adminOnly('ok') },
		{ method: 'POST', path: '/admin/users/no-such-user?/role', form: { role: 'admin' }, expect: adminOnly('notFound') },
		{ method: 'POST', path: '/admin/councils?/create', form: { name: 'Authz-Beirat neu', city: 'Teststadt' }, expect: adminOnly({ status: 303, location: /^\/admin\/councils\/[a-z0-9]+\?created=1$/ }) },
		{ method: 'POST', path: `${c}?/update`, form: { name: 'Authz-Beirat umbenannt', city: 'Teststadt' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${c}?/addMember`, form: { email: ids.userEmail, role: 'member' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${c}?/removeMember`, form: { userId: ids.user }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${c}?/bulkAdd`, form: { addresses: `${ids.userEmail}\nniemand-authz@example.org\nkeine-adresse` }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${c}?/invite`, form: { email: ids.inviteEmail, role: 'member', locale: 'de' }, expect: adminOnly('ok') },
		{ method: 'POST', path: `${c}?/revokeInvitation`, form: { id: 'no-such-invitation' }, expect: adminOnly('notFound') },
		// bad input from an admin is a 400 with the form re-rendered, never a change
		{ method: 'POST', path: `${u}?/role`, form: { role: 'superuser' }, expect: adminOnly(400) }
	];
}

test('every /admin page and action answers anonymous, learner, trainer and admin as it should', async () => {
	test.setTimeout(120_000);
	const base = process.env.E2E_BASE_URL!;
	const [learner, trainer, admin, target] = await Promise.all([createUserInDb('learner'), createUserInDb('trainer'), createUserInDb('admin'), createUserInDb('learner', { name: 'Authz Target' })]);
	const { createCouncil, getCouncil, councilMembers, listCouncils } = await import('../../src/lib/server/admin/councils');
	const { getUser } = await import('../../src/lib/server/auth/accounts');
	const { db, schema } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const council = await createCouncil(admin.id, { name: 'Authz-Beirat', city: 'Teststadt' });
	if (!council.ok) throw new Error('council');

	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'learner', cookie: await loginCookie(base, learner.email, learner.password) },
		{ name: 'trainer', cookie: await loginCookie(base, trainer.email, trainer.password) },
		{ name: 'admin', cookie: await loginCookie(base, admin.email, admin.password) }
	];
	const inviteEmail = `authz-invite-${Date.now().toString(36)}@example.org`;
	const routes = adminRoutes({ user: target.id, userEmail: target.email, council: council.id, inviteEmail });

	const auditedBy = async (actorId: string) => (await db().select().from(schema.auditLog).where(eq(schema.auditLog.actorId, actorId))).length;
	const snapshot = async () => ({
		user: await getUser(target.id),
		council: await getCouncil(council.id),
		members: await councilMembers(council.id),
		councils: (await listCouncils()).length,
		invitations: (await db().select().from(schema.invitations).where(eq(schema.invitations.organisationId, council.id))).length
	});
	const before = await snapshot();

	expect(await checkAuthz(base, principals.filter((p) => NON_ADMINS.includes(p.name)), routes)).toEqual([]);
	expect(await snapshot(), 'nothing changed for non-admins').toEqual(before);
	expect(await auditedBy(learner.id)).toBe(0);
	expect(await auditedBy(trainer.id)).toBe(0);

	expect(await checkAuthz(base, principals.filter((p) => p.name === 'admin'), routes)).toEqual([]);
	const after = await snapshot();
	expect(after.user).toMatchObject({ role: 'trainer', disabledAt: null });
	expect(after.council?.name).toBe('Authz-Beirat umbenannt');
	expect(after.councils).toBe(before.councils + 1);
	expect(after.members.map((m) => m.userId)).toEqual([target.id]);
	expect(after.invitations).toBe(1);
	// the setup's council, the confirmed role, disable, enable, reset, create, update, add, remove, bulk add, invite
	expect(await auditedBy(admin.id)).toBe(11);
});
