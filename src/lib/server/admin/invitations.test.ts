import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { db, schema } from '../db';
import { getUser } from '../auth/accounts';
import { createCouncil, councilMembers } from './councils';
import { acceptInvitation, INVITATION_TTL_MS, inviteToCouncil, listInvitations, openInvitation, revokeInvitation } from './invitations';
import { bulkAddMembers, emailsFromCsv, splitAddressList } from './bulk-members';
import { insertUser } from './test-users';

const PASSWORD = 'ein langes Passwort';

async function council(name: string) {
	const admin = await insertUser({ role: 'admin' });
	const c = await createCouncil(admin.id, { name, city: '' });
	if (!c.ok) throw new Error('council');
	return { admin, id: c.id };
}

describe('invitations', () => {
	it('mails a single-use link in the chosen language; registering with it creates the account and the membership', async () => {
		const { admin, id } = await council('Beirat Einladen');
		const r = await inviteToCouncil(admin.id, id, { email: 'Neu.Person@Example.org', role: 'trainer', locale: 'tr' });
		if (!r.ok) throw new Error(r.error);
		// only the hash is stored
		const rows = await db().select().from(schema.invitations).where(eq(schema.invitations.organisationId, id));
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(rows)).not.toContain(r.token);
		const [mail] = await db().select().from(schema.outbox).where(eq(schema.outbox.to, 'Neu.Person@Example.org'));
		expect(mail.subject).toBe('Mitsprache: Beirat Einladen kuruluna davet');
		expect(mail.body).toContain(`/invite/${r.token}`);

		expect(await openInvitation(r.token)).toMatchObject({ ok: true, email: 'Neu.Person@Example.org', council: 'Beirat Einladen', role: 'trainer', locale: 'tr' });
		const done = await acceptInvitation(r.token, { password: PASSWORD, displayName: 'Neu Person', locale: 'tr' });
		if (!done.ok) throw new Error(done.error);
		expect(await getUser(done.userId)).toMatchObject({ email: 'Neu.Person@Example.org', role: 'trainer', locale: 'tr' });
		expect((await councilMembers(id)).map((m) => [m.userId, m.role])).toEqual([[done.userId, 'trainer']]);

		// single use
		expect(await acceptInvitation(r.token, { password: PASSWORD, displayName: 'Noch mal', locale: 'de' })).toEqual({ ok: false, error: 'invite_error_used' });
		expect((await listInvitations(id))[0].usedAt).not.toBeNull();
		// the address has an account now: no second invitation
		expect(await inviteToCouncil(admin.id, id, { email: 'neu.person@example.org', role: 'member', locale: 'de' })).toEqual({ ok: false, error: 'invite_error_has_account' });
	});

	it('refuses revoked, expired and unknown links, and a new invitation replaces the open one', async () => {
		const { admin, id } = await council('Beirat Widerruf');
		const first = await inviteToCouncil(admin.id, id, { email: 'wer@example.org', role: 'member', locale: 'de' });
		const second = await inviteToCouncil(admin.id, id, { email: 'WER@example.org', role: 'member', locale: 'de' });
		if (!first.ok || !second.ok) throw new Error('invite');
		expect(await openInvitation(first.token)).toEqual({ ok: false, error: 'invite_error_revoked' });
		expect(await openInvitation(second.token, Date.now() + INVITATION_TTL_MS + 1)).toEqual({ ok: false, error: 'invite_error_expired' });
		expect(await acceptInvitation(second.token, { password: PASSWORD, displayName: 'Zu spät', locale: 'de' }, Date.now() + INVITATION_TTL_MS + 1)).toEqual({ ok: false, error: 'invite_error_expired' });

		const open = (await listInvitations(id)).find((i) => i.revokedAt === null)!;
		const other = await council('Anderer Beirat');
		expect(await revokeInvitation(admin.id, other.id, open.id)).toEqual({ ok: false, error: 'invite_error_not_found' });
		expect(await revokeInvitation(admin.id, id, open.id)).toEqual({ ok: true });
		expect(await revokeInvitation(admin.id, id, open.id)).toEqual({ ok: false, error: 'invite_error_revoked' });
		expect(await acceptInvitation(second.token, { password: PASSWORD, displayName: 'Nicht mehr', locale: 'de' })).toEqual({ ok: false, error: 'invite_error_revoked' });
		expect(await openInvitation('a'.repeat(52))).toEqual({ ok: false, error: 'invite_error_not_found' });
		expect(await councilMembers(id)).toEqual([]);
	});
});

describe('bulk members', () => {
	it('reads pasted lists and CSV files', () => {
		expect(splitAddressList('a@x.de\nb@x.de, c@x.de;  Dora Beispiel <d@x.de>\n\n kein-mail ')).toEqual(['a@x.de', 'b@x.de', 'c@x.de', 'd@x.de', 'kein-mail']);
		expect(emailsFromCsv('\uFEFFName;E-Mail;Ort\n"Yılmaz; Amina";amina@x.de;Halle\nJonas;;Leipzig\n')).toEqual(['amina@x.de']);
		expect(emailsFromCsv('name,email\n"Kaya, Selin",selin@x.de\r\n')).toEqual(['selin@x.de']);
		expect(emailsFromCsv('name,ort\nA,B\n')).toBeNull();
	});

	it('adds the known addresses and reports every line', async () => {
		const { admin, id } = await council('Beirat Sammel');
		const known = await insertUser({ email: 'bekannt@example.org' });
		const member = await insertUser({ email: 'schon@example.org', role: 'trainer' });
		await db().insert(schema.memberships).values({ organisationId: id, userId: member.id, role: 'trainer', createdAt: 1 });
		const r = await bulkAddMembers(admin.id, id, ['BEKANNT@example.org', 'bekannt@example.org', 'schon@example.org', 'fremd@example.org', 'kein-mail']);
		expect(r).toEqual({ ok: true, summary: { added: ['BEKANNT@example.org'], already: ['schon@example.org'], unknown: ['fremd@example.org'], invalid: ['kein-mail'] } });
		expect((await councilMembers(id)).map((m) => [m.userId, m.role]).sort()).toEqual([[known.id, 'member'], [member.id, 'trainer']].sort());
		expect(await bulkAddMembers(admin.id, 'no-such-council', ['bekannt@example.org'])).toEqual({ ok: false, error: 'admin_error_council_not_found' });
	});
});
