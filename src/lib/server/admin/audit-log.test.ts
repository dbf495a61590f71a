import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { audit } from '../audit';
import { knownActions, listAudit } from './audit-log';
import { AUDIT_ACTIONS, isKnownAction } from './audit-sentences';
import { createCouncil } from './councils';
import { insertUser } from './test-users';
import { LOCALES } from '../i18n';

const said = (e: { parts: { text: string }[] }) => e.parts.map((p) => p.text).join('');

describe('listAudit', () => {
	it('pages newest first, filters by action, group or prefix', async () => {
		const admin = await insertUser({ role: 'admin', email: 'auditor@example.org', displayName: 'Amina Yılmaz' });
		for (let i = 0; i < 55; i++) await audit(admin.id, i % 2 ? 'studio.lesson.publish' : 'admin.user.role', i % 2 ? `course/l${i}` : `user:${admin.id}`, i % 2 ? { revision: 'r' } : { from: 'learner', to: 'trainer' });
		await audit(null, 'account.deleted', 'gone-user-id');
		await audit(admin.id, 'admin_x.odd', '', {});

		const all = await listAudit({ page: 1 });
		expect(all.total).toBe(57);
		expect(all.rows).toHaveLength(50);
		expect(all.rows[0]).toMatchObject({ action: 'admin_x.odd', label: 'Sonstige Änderung' });
		expect(said(all.rows[0])).toBe('Amina Yılmaz hat eine Änderung vorgenommen, die dieses Protokoll noch nicht in Worten beschreiben kann.');
		expect(said(all.rows[1])).toBe('Eine Person hat ihr Konto gelöscht.');
		expect((await listAudit({ page: 2 })).rows).toHaveLength(7);

		// a lesson that no longer exists reads as its identity, a person as a link to their page
		const lessons = await listAudit({ action: 'studio.lesson.publish' });
		expect(lessons.total).toBe(27);
		expect(said(lessons.rows[0])).toBe('Amina Yılmaz hat die Lektion course/l53 veröffentlicht.');
		const roles = await listAudit({ action: 'admin.user.role', locale: 'en' });
		expect(roles.total).toBe(28);
		expect(roles.rows[0].parts).toEqual([
			{ text: 'Amina Yılmaz', href: `/admin/users/${admin.id}` },
			{ text: ' changed the role of ' },
			{ text: 'Amina Yılmaz', href: `/admin/users/${admin.id}` },
			{ text: ' from Learner to Trainer.' }
		]);
		expect((await listAudit({ action: 'group:accounts' })).total).toBe(29);
		// `_` in the prefix is literal, not a wildcard
		expect((await listAudit({ prefix: 'admin_' })).rows.map((r) => r.action)).toEqual(['admin_x.odd']);
		expect((await listAudit({ prefix: 'admin.' })).total).toBe(28);
		expect(await knownActions()).toEqual(['account.deleted', 'admin.user.role', 'admin_x.odd', 'studio.lesson.publish']);
	});

	it('links a council while it exists, and keeps deleted people and councils readable', async () => {
		const admin = await insertUser({ role: 'admin', displayName: 'Ada Verwaltung' });
		const c = await createCouncil(admin.id, { name: 'Beirat Protokoll', city: 'Halle' });
		if (!c.ok) throw new Error('council');
		await audit('no-such-user', 'admin.council.member.add', `council:no-such-council`, { user: 'also-gone', role: 'trainer' });
		await audit(admin.id, 'admin.user.disable', `user:${admin.id}`, { sessionsEnded: 3 });
		const [create, add, disable] = (await listAudit({ action: 'group:councils' })).rows.concat((await listAudit({ action: 'admin.user.disable' })).rows).sort((a, b) => a.action.localeCompare(b.action));
		expect(create.parts).toContainEqual({ text: 'Beirat Protokoll', href: `/admin/councils/${c.id}` });
		expect(create.details).toEqual([{ term: 'Ort', value: 'Halle' }]);
		expect(said(add)).toBe('ein gelöschtes Konto hat ein gelöschtes Konto dem Beirat (gelöscht) als Trainer:in zugeordnet.');
		expect(add.parts.every((p) => !('href' in p))).toBe(true);
		expect(disable.details).toEqual([{ term: 'Beendete Sitzungen', value: '3' }]);
	});
});

describe('audit sentences', () => {
	it('every action code written anywhere has a sentence and a label in every language', () => {
		// the codes in the source: audit(…, 'code', …) and the structure/audio helpers that pass the code along
		const codes = new Set<string>();
		const walk = (dir: string) => {
			for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
				const p = path.join(dir, f.name);
				if (f.isDirectory()) walk(p);
				else if (/\.ts$/.test(f.name) && !f.name.endsWith('.test.ts')) {
					const text = fs.readFileSync(p, 'utf8');
					if (!/\baudit\(|changed\(|enqueue\(/.test(text)) continue;
					for (const m of text.matchAll(/'((?:admin|studio|account|certificate|course|cli)\.[a-z_.]+)'/g)) codes.add(m[1]);
				}
			}
		};
		walk(path.resolve('src/lib/server'));
		walk(path.resolve('scripts'));
		expect(codes.size).toBeGreaterThan(35);
		for (const code of codes) expect(isKnownAction(code), code).toBe(true);

		const slug = (code: string) => code.replace(/^admin\./, '').replace(/[^a-z0-9]+/gi, '_');
		for (const locale of LOCALES) {
			const messages = JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}/admin-ux.json`), 'utf8')) as Record<string, unknown>;
			for (const { actions } of AUDIT_ACTIONS) {
				for (const [code] of actions) {
					expect(messages[`audit_label_${slug(code)}`], `${locale} label ${code}`).toBeTruthy();
					if (code !== 'course.visibility') expect(messages[`audit_said_${slug(code)}`], `${locale} sentence ${code}`).toBeTruthy();
				}
			}
		}
	});
});
