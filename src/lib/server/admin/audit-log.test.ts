import { describe, expect, it } from 'vitest';
import { audit } from '../audit';
import { knownActions, listAudit } from './audit-log';
import { insertUser } from './test-users';

describe('listAudit', () => {
	it('pages newest first, filters by action prefix and keeps unknown targets readable', async () => {
		const admin = await insertUser({ role: 'admin', email: 'auditor@example.org' });
		for (let i = 0; i < 55; i++) await audit(admin.id, i % 2 ? 'studio.lesson.publish' : 'admin.user.role', i % 2 ? `lesson:course/l${i}` : `user:${admin.id}`, { i });
		await audit(null, 'account.deleted', 'gone-user-id');
		await audit(admin.id, 'admin_x.odd', '', {});

		const all = await listAudit({ page: 1 });
		expect(all.total).toBe(57);
		expect(all.rows).toHaveLength(50);
		expect(all.rows[0].action).toBe('admin_x.odd');
		expect(all.rows[1]).toMatchObject({ action: 'account.deleted', actor: null, target: null, targetText: 'gone-user-id' });
		expect((await listAudit({ page: 2 })).rows).toHaveLength(7);

		const studio = await listAudit({ prefix: 'studio.' });
		expect(studio.total).toBe(27);
		expect(studio.rows[0]).toMatchObject({ targetText: 'lesson:course/l53', detail: { i: 53 }, actor: { name: 'auditor@example.org' } });
		// `_` in the prefix is literal, not a wildcard
		expect((await listAudit({ prefix: 'admin_' })).rows.map((r) => r.action)).toEqual(['admin_x.odd']);
		expect((await listAudit({ prefix: 'admin.' })).total).toBe(28);
		expect(await knownActions()).toEqual(['account.deleted', 'admin.user.role', 'admin_x.odd', 'studio.lesson.publish']);
	});
});
