// Who may see and delete accessibility feedback: admins only. The public pages of issue 9 answer everyone; a feedback
// POST is public too, but a cross-site one is refused (CSRF) and stores nothing.
import { test, expect } from '@playwright/test';
import { createUserInDb } from './helpers';
import { checkAuthz, expectAll, loginCookie, type Expectation, type Principal } from '../authz';

function adminOnly(admin: Expectation): Record<string, Expectation> {
	return expectAll(['learner', 'trainer'], 'forbidden', { anonymous: 'login', admin });
}

test('feedback: the list and the delete action are for admins only; the public pages for everyone', async () => {
	test.setTimeout(120_000);
	const base = process.env.E2E_BASE_URL!;
	const [learner, trainer, admin] = await Promise.all([createUserInDb('learner'), createUserInDb('trainer'), createUserInDb('admin')]);
	const { submitFeedback, listFeedback } = await import('../../src/lib/server/a11y/feedback');
	const stored = await submitFeedback({ message: 'Authz-Test: eine Rückmeldung zum Löschen.', page: '', name: '', email: '' }, 'de', '192.0.2.44');
	if (!stored.ok) throw new Error('feedback');
	const exists = async () => (await listFeedback(1000)).some((f) => f.id === stored.id);

	const principals: Principal[] = [
		{ name: 'anonymous', cookie: null },
		{ name: 'learner', cookie: await loginCookie(base, learner.email, learner.password) },
		{ name: 'trainer', cookie: await loginCookie(base, trainer.email, trainer.password) },
		{ name: 'admin', cookie: await loginCookie(base, admin.email, admin.password) }
	];
	const everyone = expectAll(['anonymous', 'learner', 'trainer', 'admin'], 'ok');
	const routes = [
		{ path: '/glossar', expect: everyone },
		{ path: '/barrierefreiheit', expect: everyone },
		{ path: '/leichte-sprache', expect: everyone },
		{ path: '/gebaerdensprache', expect: everyone },
		{ path: '/admin/feedback', expect: adminOnly('ok') },
		{ method: 'POST' as const, path: '/admin/feedback?/delete', form: { id: stored.id }, expect: adminOnly('ok') },
		// gone or never there: the admin is told, nothing else happens
		{ method: 'POST' as const, path: '/admin/feedback?/delete', form: { id: 'no-such-feedback' }, expect: adminOnly('notFound') }
	];
	expect(await checkAuthz(base, principals.filter((p) => p.name !== 'admin'), routes)).toEqual([]);
	expect(await exists(), 'non-admins deleted nothing').toBe(true);
	expect(await checkAuthz(base, principals.filter((p) => p.name === 'admin'), routes)).toEqual([]);
	expect(await exists(), 'the admin deleted it').toBe(false);
});

test('a cross-site feedback post is refused and stores nothing', async () => {
	const base = process.env.E2E_BASE_URL!;
	const marker = `csrf-${Date.now().toString(36)}`;
	const res = await fetch(base + '/barrierefreiheit', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', accept: 'text/html' },
		body: new URLSearchParams({ message: `Eine Nachricht von fremder Seite ${marker}` })
	});
	expect(res.status).toBe(403);
	// this test may run alone in a fresh worker: read the server's database, not a default one
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { listFeedback } = await import('../../src/lib/server/a11y/feedback');
	expect((await listFeedback(1000)).some((f) => f.message.includes(marker))).toBe(false);
});
