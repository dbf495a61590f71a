import { describe, expect, it } from 'vitest';
import { addMember, councilMembers, createCouncil, getCouncil, isTrainerOfCouncil, listCouncils, removeMember, trainerCouncilIds, updateCouncil, userCouncilIds } from './councils';
import { changeRole, setDisabled } from './users';
import { insertUser } from './test-users';
import { listAudit } from './audit-log';
import { slugify } from './slug';

describe('slugify', () => {
	it('spells out umlauts, drops accents and punctuation, falls back for scripts it cannot spell', () => {
		expect(slugify('Integrationsbeirat Hamburg-Harburg')).toBe('integrationsbeirat-hamburg-harburg');
		expect(slugify('Migrantenbeirat Größenwahn – Süd!')).toBe('migrantenbeirat-groessenwahn-sued');
		expect(slugify('Conseil Élu')).toBe('conseil-elu');
		expect(slugify('مجلس')).toBe('council');
	});
});

describe('councils', () => {
	it('creates councils with unique slugs, edits them and audits both', async () => {
		const admin = await insertUser({ role: 'admin' });
		const a = await createCouncil(admin.id, { name: ' Integrationsbeirat ', city: 'Halle (Saale)' });
		const b = await createCouncil(admin.id, { name: 'Integrationsbeirat', city: 'Leipzig' });
		if (!a.ok || !b.ok) throw new Error('create failed');
		expect([a.slug, b.slug]).toEqual(['integrationsbeirat', 'integrationsbeirat-2']);
		expect(await getCouncil(a.id)).toMatchObject({ name: 'Integrationsbeirat', city: 'Halle (Saale)' });

		expect(await updateCouncil(admin.id, a.id, { name: 'Migrantenbeirat Halle', city: 'Halle' })).toEqual({ ok: true });
		expect(await getCouncil(a.id)).toMatchObject({ name: 'Migrantenbeirat Halle', city: 'Halle', slug: 'integrationsbeirat' });
		expect(await updateCouncil(admin.id, 'missing', { name: 'X', city: '' })).toEqual({ ok: false, error: 'admin_error_council_not_found' });

		const entries = (await listAudit({ prefix: 'admin.council' })).rows;
		expect(entries.map((e) => e.action)).toEqual(['admin.council.update', 'admin.council.create', 'admin.council.create']);
		expect(entries[0].parts).toContainEqual({ text: 'Migrantenbeirat Halle', href: `/admin/councils/${a.id}` });
		expect(entries[0].details[0]).toMatchObject({ term: 'Vorher', value: expect.stringContaining('Integrationsbeirat') });
		expect((await listCouncils()).map((c) => c.slug)).toEqual(['integrationsbeirat-2', 'integrationsbeirat']);
	});

	it('assigns members and trainers by email, changes and removes memberships', async () => {
		const admin = await insertUser({ role: 'admin' });
		const c = await createCouncil(admin.id, { name: 'Beirat Membership', city: 'Frankfurt' });
		const other = await createCouncil(admin.id, { name: 'Beirat Other', city: 'Leipzig' });
		if (!c.ok || !other.ok) throw new Error('create failed');
		const learner = await insertUser({ email: 'Member.One@example.org', displayName: 'Member One' });
		const trainer = await insertUser({ role: 'trainer', displayName: 'Trainer Two' });

		expect(await addMember(admin.id, c.id, 'member.one@EXAMPLE.org', 'member')).toEqual({ ok: true, userId: learner.id });
		expect(await addMember(admin.id, c.id, trainer.email, 'trainer')).toEqual({ ok: true, userId: trainer.id });
		expect(await addMember(admin.id, other.id, trainer.email, 'member')).toMatchObject({ ok: true });

		expect((await councilMembers(c.id)).map((m) => [m.displayName, m.role])).toEqual([
			['Trainer Two', 'trainer'],
			['Member One', 'member']
		]);
		expect(await userCouncilIds(learner.id)).toEqual([c.id]);
		expect((await userCouncilIds(trainer.id)).sort()).toEqual([c.id, other.id].sort());
		expect(await trainerCouncilIds(trainer.id)).toEqual([c.id]);
		expect(await isTrainerOfCouncil(trainer.id, c.id)).toBe(true);
		expect(await isTrainerOfCouncil(trainer.id, other.id)).toBe(false);
		expect(await isTrainerOfCouncil(learner.id, c.id)).toBe(false);
		expect((await listCouncils()).find((x) => x.id === c.id)).toMatchObject({ members: 2, trainers: 1 });

		// rules: unknown people, learners as trainers
		expect(await addMember(admin.id, c.id, 'nobody@example.org', 'member')).toEqual({ ok: false, error: 'admin_error_member_unknown' });
		expect(await addMember(admin.id, c.id, learner.email, 'trainer')).toEqual({ ok: false, error: 'admin_error_member_not_trainer' });
		expect(await addMember(admin.id, 'missing', learner.email, 'member')).toEqual({ ok: false, error: 'admin_error_council_not_found' });
		expect((await councilMembers(c.id)).find((m) => m.userId === learner.id)?.role).toBe('member');

		// demoting or disabling a council trainer takes the council rights with it
		expect(await changeRole(admin.id, trainer.id, 'learner')).toEqual({ ok: true });
		expect(await isTrainerOfCouncil(trainer.id, c.id)).toBe(false);
		expect(await changeRole(admin.id, trainer.id, 'trainer')).toEqual({ ok: true });
		expect(await isTrainerOfCouncil(trainer.id, c.id)).toBe(true);
		expect(await setDisabled(admin.id, trainer.id, true)).toEqual({ ok: true });
		expect(await isTrainerOfCouncil(trainer.id, c.id)).toBe(false);
		expect(await setDisabled(admin.id, trainer.id, false)).toEqual({ ok: true });

		// changing the membership role of someone already in the council
		expect(await addMember(admin.id, c.id, trainer.email, 'member')).toMatchObject({ ok: true });
		expect(await isTrainerOfCouncil(trainer.id, c.id)).toBe(false);

		expect(await removeMember(admin.id, c.id, learner.id)).toEqual({ ok: true });
		expect(await removeMember(admin.id, c.id, learner.id)).toEqual({ ok: false, error: 'admin_error_member_not_found' });
		expect(await userCouncilIds(learner.id)).toEqual([]);

		const entries = (await listAudit({ prefix: 'admin.council.member' })).rows;
		expect(entries.map((e) => e.action)).toEqual([
			'admin.council.member.remove',
			'admin.council.member.add',
			'admin.council.member.add',
			'admin.council.member.add',
			'admin.council.member.add'
		]);
		// told in words, with the person and the council linked
		const said = (i: number) => entries[i].parts.map((p) => p.text).join('');
		expect(said(0)).toBe(`${admin.displayName} hat ${learner.displayName} aus dem Beirat Beirat Membership entfernt.`);
		expect(entries[0].parts).toEqual(expect.arrayContaining([{ text: learner.displayName, href: `/admin/users/${learner.id}` }, { text: 'Beirat Membership', href: `/admin/councils/${c.id}` }]));
		expect(said(1)).toBe(`${admin.displayName} hat die Rolle von ${trainer.displayName} im Beirat Beirat Membership von Trainer:in zu Mitglied geändert.`);
	});
});
