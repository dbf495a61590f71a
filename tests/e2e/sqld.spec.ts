// The built server on a libSQL server (sqld) that hangs or goes away: every request answers within DB_TIMEOUT_MS
// with a translated 503 page, and the site serves again by itself when sqld is back (no restart of the site).
import { expect, test } from '@playwright/test';
import { startServer, tempDir, type RunningServer } from '../server';
import { sqldBinary, SQLD_MISSING, startSqld, type RunningSqld } from '../sqld';

test.skip(!sqldBinary(), SQLD_MISSING);
test.use({ locale: 'en-US' });

// looks like a session token (id.secret), so the hook asks the database for it
const FAKE_SESSION = 'abcdefghijklmnop.' + 'x'.repeat(40);
for (const scheme of ['http', 'ws']) test.describe(`sqld over ${scheme}`, () => {
	const dir = tempDir('mitsprache-sqld-');
	let sqld: RunningSqld;
	let server: RunningServer;
	test.beforeAll(async () => {
		sqld = await startSqld({ dir });
		server = await startServer({ env: { DATABASE_URL: sqld.url.replace(/^http/, scheme), DB_TIMEOUT_MS: '1500', INGEST_WORKER: '0' }, quiet: true });
	});
	test.afterAll(async () => {
		sqld?.proc.kill('SIGCONT');
		await server?.stop();
		await sqld?.stop();
	});

	test(`over ${scheme}://: sqld hanging or gone: a translated 503 within the timeout, and the site recovers without a restart`, async ({ page, context }) => {
		// a session cookie makes every request ask the database (the session lookup); the site deletes an unknown one,
		// so it is set again before each visit
		const visit = async (pathname: string) => {
			await context.addCookies([{ name: 'session', value: FAKE_SESSION, url: server.url }]);
			return page.goto(server.url + pathname);
		};
		await visit('/');
		await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();

		sqld.proc.kill('SIGSTOP');
		await new Promise((r) => setTimeout(r, 100));
		const t0 = Date.now();
		const hung = await visit('/courses');
		expect(hung!.status()).toBe(503);
		expect(Date.now() - t0).toBeLessThan(6000);
		await expect(page.getByRole('heading', { level: 1, name: 'Briefly unavailable' })).toBeVisible();
		await expect(page.getByRole('link', { name: 'Reload the page' })).toBeVisible();
		expect(hung!.headers()['retry-after']).toBeTruthy();
		// Arabic: translated and right to left
		const ar = await fetch(server.url + '/', { headers: { 'accept-language': 'ar', cookie: 'session=' + FAKE_SESSION } });
		expect(ar.status).toBe(503);
		const html = await ar.text();
		expect(html).toContain('dir="rtl"');
		expect(html).toContain('غير متاح مؤقتًا');
		expect((await fetch(server.url + '/healthz')).status).toBe(503);

		sqld.proc.kill('SIGCONT');
		await expect.poll(async () => (await visit('/courses'))!.status(), { timeout: 15_000 }).toBe(200);

		// gone altogether, then back on the same port with the same data
		const port = sqld.port;
		await sqld.stop();
		const gone = await visit('/courses');
		expect(gone!.status()).toBe(503);
		await expect(page.getByRole('heading', { level: 1, name: 'Briefly unavailable' })).toBeVisible();
		sqld = await startSqld({ dir, port });
		await expect.poll(async () => (await visit('/courses'))!.status(), { timeout: 15_000 }).toBe(200);
		expect((await fetch(server.url + '/healthz')).status).toBe(200);
	});
});
