// Shared e2e helpers: accessibility checks on every visited page, accounts made through the UI or the database.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { makePodcastContent } from '../fixtures/podcast-content';
import { startServer, waitForEpisodes, type RunningServer } from '../server';

let counter = 0;
export function uniqueEmail(prefix = 'user') {
	return `${prefix}-${Date.now().toString(36)}-${process.pid}-${counter++}@example.org`;
}

/** No serious or critical axe-core violation on the current page. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `axe on ${page.url()}`).toEqual([]);
}

/** page.goto, then the accessibility check. */
export async function visit(page: Page, path: string) {
	const res = await page.goto(path);
	await expectAccessible(page);
	return res;
}

export async function register(page: Page, opts: { email?: string; password?: string; name?: string } = {}) {
	const email = opts.email ?? uniqueEmail();
	const password = opts.password ?? 'ein langes Passwort';
	const name = opts.name ?? 'Amina Test';
	await visit(page, '/register');
	await page.getByLabel(/E-Mail-Adresse|Email address/).fill(email);
	await page.getByLabel(/Anzeigename|Display name/).fill(name);
	await page.getByLabel(/^(Passwort|Password)$/).fill(password);
	await page.getByLabel(/Datenschutzhinweis|privacy notice/).check();
	await page.getByRole('button', { name: /Konto anlegen|Create account/ }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/register'));
	return { email, password, name };
}

export async function login(page: Page, email: string, password: string) {
	await visit(page, '/login');
	await page.getByLabel(/E-Mail-Adresse|Email address/).fill(email);
	await page.getByLabel(/^(Passwort|Password)$/).fill(password);
	await page.getByRole('button', { name: /^(Anmelden|Log in)$/ }).click();
}

export async function logout(page: Page) {
	await page.getByRole('button', { name: /^(Abmelden|Log out)$/ }).click();
	await page.waitForURL('/');
}

/** Creates a user directly in the e2e server's database (as `npm run user:create` does). */
export async function createUserInDb(role: 'learner' | 'trainer' | 'admin', opts: { email?: string; password?: string; name?: string } = {}) {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { createUser } = await import('../../src/lib/server/auth/accounts');
	const email = opts.email ?? uniqueEmail(role);
	const password = opts.password ?? 'ein langes Passwort';
	const r = await createUser({ email, password, displayName: opts.name ?? `${role} Test`, role });
	if (!r.ok) throw new Error('could not create user: ' + r.reason);
	return { email, password, id: r.user.id };
}

/**
 * Holds back the page's scripts whose code contains one of `marks` until `release()` (an island's code arriving late,
 * as on a slow phone); `delivered()` says whether one has been handed over since.
 */
export async function holdScripts(page: Page, marks: string[]) {
	let release!: () => void;
	const held = new Promise<void>((r) => (release = r));
	let delivered = false;
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		const response = await route.fetch();
		const body = await response.text();
		if (marks.some((code) => body.includes(code))) {
			await held;
			delivered = true;
		}
		await route.fulfill({ response, body });
	});
	return { release, delivered: () => delivered };
}

/**
 * A worker fixture for `test.extend`: our own server with the fixture show (the course testkurs-beirat and two
 * episodes, generated and packaged at start), shared by the specs of one worker.
 */
export const podcastServer: [(args: object, use: (server: RunningServer) => Promise<void>) => Promise<void>, { scope: 'worker'; timeout: number }] = [
	async ({}, use) => {
		const server = await startServer({ env: { CONTENT_DIR: makePodcastContent() } });
		await waitForEpisodes(server);
		await use(server);
		await server.stop();
	},
	{ scope: 'worker', timeout: 90_000 }
];
