// Issue 8, item 1: every redirect parameter (login, register, the language switch), fed the redirect corpus over real
// HTTP: the Location is always on this site as a browser resolves it (tabs and newlines dropped, "\" read as "/"),
// never a 500. And in Chromium: a login through the form with a tab in redirectTo ends on this site.
import { expect, test } from '@playwright/test';
import { createUserInDb, uniqueEmail } from './helpers';
import { HOSTILE_REDIRECTS } from '../fixtures/redirect-corpus';

const base = () => process.env.E2E_BASE_URL!;
// accept: text/html, as a browser's form post (without it SvelteKit answers an action as use:enhance's JSON)
const form = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const q = (raw: string) => `redirectTo=${encodeURIComponent(raw)}`;

/** Whatever a browser would do with this answer stays on our origin; never a 500. */
function expectStaysHere(res: Response, raw: string, what: string) {
	const label = `${what} ${JSON.stringify(raw).slice(0, 50)}`;
	expect(res.status, label).toBeLessThan(500);
	const location = res.headers.get('location');
	if (location !== null) expect(new URL(location, base()).origin, label).toBe(new URL(base()).origin);
	return location;
}

async function loginCookie(email: string, password: string): Promise<string> {
	const res = await fetch(base() + '/login', { method: 'POST', headers: { ...form, origin: base() }, body: new URLSearchParams({ email, password }), redirect: 'manual' });
	return res.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0];
}

test('login and register: redirectTo from the corpus never leads to another origin and never answers 500', async () => {
	test.setTimeout(180_000);
	const user = await createUserInDb('learner');
	const cookie = await loginCookie(user.email, user.password);
	for (const raw of HOSTILE_REDIRECTS) {
		// already logged in: the pages send you on at once
		for (const page of ['/login', '/register']) {
			const res = await fetch(`${base()}${page}?${q(raw)}`, { headers: { cookie }, redirect: 'manual' });
			expect(expectStaysHere(res, raw, `GET ${page}`)).not.toBeNull();
		}
		// not logged in: the login page renders (its link to /register carries the target along)
		expectStaysHere(await fetch(`${base()}/login?${q(raw)}`, { redirect: 'manual' }), raw, 'GET /login anonymous');

		// the login form, as a browser without JavaScript posts it and as use:enhance does
		const login = await fetch(`${base()}/login?${q(raw)}`, { method: 'POST', headers: { ...form, origin: base() }, body: new URLSearchParams({ email: user.email, password: user.password }), redirect: 'manual' });
		expect(login.status).toBe(303);
		expectStaysHere(login, raw, 'POST /login');
		const enhanced = await fetch(`${base()}/login?${q(raw)}`, { method: 'POST', headers: { ...form, origin: base(), accept: 'application/json', 'x-sveltekit-action': 'true' }, body: new URLSearchParams({ email: user.email, password: user.password }) });
		expect(enhanced.status).toBeLessThan(500);
		const result = await enhanced.json();
		expect(result.type).toBe('redirect');
		expect(new URL(result.location, base()).origin).toBe(new URL(base()).origin);

		const register = await fetch(`${base()}/register?${q(raw)}`, {
			method: 'POST',
			headers: { ...form, origin: base() },
			body: new URLSearchParams({ email: uniqueEmail('redir'), password: 'ein langes Passwort', displayName: 'Umleitung', locale: 'de', consent: 'on' }),
			redirect: 'manual'
		});
		expect(register.status).toBe(303);
		expectStaysHere(register, raw, 'POST /register');

		// the language switch: redirectTo is a form field there
		const language = await fetch(`${base()}/language`, { method: 'POST', headers: { ...form, origin: base() }, body: new URLSearchParams({ locale: 'en', redirectTo: raw }), redirect: 'manual' });
		expect(language.status).toBe(303);
		expectStaysHere(language, raw, 'POST /language');
	}
});

test('our own paths still come back as they were', async () => {
	const user = await createUserInDb('learner');
	const cookie = await loginCookie(user.email, user.password);
	const res = await fetch(`${base()}/login?${q('/courses?q=beirat#liste')}`, { headers: { cookie }, redirect: 'manual' });
	expect(res.headers.get('location')).toBe('/courses?q=beirat#liste');
	const language = await fetch(`${base()}/language`, { method: 'POST', headers: { ...form, origin: base() }, body: new URLSearchParams({ locale: 'de', redirectTo: '/podcast?seite=2' }), redirect: 'manual' });
	expect(language.headers.get('location')).toBe('/podcast?seite=2');
});

for (const javaScriptEnabled of [true, false]) {
	test(`Chromium ${javaScriptEnabled ? 'with' : 'without'} JavaScript: a login with a tab in redirectTo ends on this site`, async ({ browser }) => {
		const user = await createUserInDb('learner');
		const context = await browser.newContext({ locale: 'de-DE', javaScriptEnabled });
		try {
			const page = await context.newPage();
			// nothing may leave for the other host, not even the request
			const left: string[] = [];
			page.on('request', (r) => {
				if (new URL(r.url()).hostname.endsWith('evil.example')) left.push(r.url());
			});
			await page.goto(`${base()}/login?redirectTo=/%09/evil.example`);
			await page.getByLabel('E-Mail-Adresse').fill(user.email);
			await page.getByLabel('Passwort', { exact: true }).fill(user.password);
			await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
			await page.waitForURL((u) => !u.pathname.startsWith('/login'));
			expect(new URL(page.url()).origin).toBe(new URL(base()).origin);
			expect(left).toEqual([]);
		} finally {
			await context.close();
		}
	});
}
