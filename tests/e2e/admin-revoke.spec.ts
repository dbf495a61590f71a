// An admin revokes a certificate by its code; the public verification page then says so, and a learner cannot.
import { expect, test } from '@playwright/test';
import { createUserInDb, expectAccessible, login, visit } from './helpers';

async function certificateFor(userId: string) {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, write, schema } = await import('../../src/lib/server/db');
	const { newId, randomToken } = await import('../../src/lib/server/ids');
	// a certificate as the course issues it after the graded quizzes are passed (the revocation is what is tested here)
	const [course] = await db().select().from(schema.courses).limit(1);
	const code = randomToken(20);
	await write((tx) =>
		tx.insert(schema.certificates).values({ id: newId(), code, userId, courseId: course.id, displayName: 'Zertifikat Person', courseTitle: course.title, hours: course.hours, language: course.language, issuedAt: Date.now() })
	);
	return code;
}

test('an admin revokes a certificate and /verify says it was revoked', async ({ page, browser }) => {
	test.setTimeout(120_000);
	const learner = await createUserInDb('learner', { name: 'Zertifikat Person' });
	const code = await certificateFor(learner.id);
	await visit(page, `/verify/${code}`);
	await expect(page.getByText('widerrufen')).toHaveCount(0);

	// a learner posting to the admin action gets 403 and the certificate stays valid
	const learnerCtx = await browser.newContext({ locale: 'de-DE' });
	const learnerPage = await learnerCtx.newPage();
	await login(learnerPage, learner.email, learner.password);
	await learnerPage.waitForURL((u) => !u.pathname.startsWith('/login'));
	const res = await learnerPage.request.post('/admin?/revoke', { form: { code }, headers: { origin: process.env.E2E_BASE_URL! } });
	expect(res.status()).toBe(403);
	await learnerCtx.close();

	const admin = await createUserInDb('admin');
	await login(page, admin.email, admin.password);
	await page.waitForURL((u) => !u.pathname.startsWith('/login'));
	await visit(page, '/admin');
	await page.getByLabel('Code der Teilnahmebescheinigung').fill('kein-code!');
	await page.getByRole('button', { name: 'Widerrufen' }).click();
	await expect(page.getByRole('alert')).toContainText('kein gültiger Code');
	await page.getByLabel('Code der Teilnahmebescheinigung').fill(code);
	await page.getByRole('button', { name: 'Widerrufen' }).click();
	await expect(page.getByRole('status')).toContainText('Die Teilnahmebescheinigung ist widerrufen.');
	await expectAccessible(page);

	await visit(page, `/verify/${code}`);
	await expect(page.getByRole('status')).toContainText('wurde widerrufen');
	await visit(page, '/admin/audit');
	await expect(page.getByText(`hat die Teilnahmebescheinigung ${code} widerrufen.`)).toBeVisible();
	await expect(page.getByRole('link', { name: code })).toHaveAttribute('href', `/verify/${code}`);
});
