// Issue 11: a lesson's body is sent once (in the markup, not again in the hydration data), visitors' course pages can be
// kept by a shared cache (public, ETag, 304), learners' pages never (private, no-store).
import { expect, test } from '@playwright/test';
import { createClient } from '@libsql/client';
import fs from 'node:fs';
import path from 'node:path';
import { startServer } from '../server';
import { uniqueEmail } from './helpers';

const base = () => process.env.E2E_BASE_URL!;

/** The first two lessons of the first course, found through the catalogue. */
async function twoLessons(): Promise<[string, string]> {
	const catalogue = await (await fetch(base() + '/courses')).text();
	const course = /href="(\/courses\/[a-z0-9-]+)"/.exec(catalogue)![1];
	const html = await (await fetch(base() + course)).text();
	const lessons = [...new Set([...html.matchAll(/href="(\/courses\/[a-z0-9-]+\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
	return [lessons[0], lessons[1]];
}

/** A run of plain words from the lesson body (inside .lesson-text), long enough to occur nowhere else by chance. */
function bodySentence(html: string): string {
	const start = html.indexOf('class="lesson-text');
	const text = html.slice(start, start + 20_000).replace(/<[^>]+>/g, ' ');
	const m = /[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß ,]{40,}/.exec(text.slice(text.indexOf('>') + 1));
	return m![0].slice(0, 40);
}

/** A learner with a session, straight in the database (no password: this learner never logs in through the form). */
async function learnerCookie(): Promise<string> {
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { write, schema } = await import('../../src/lib/server/db');
	const { newId } = await import('../../src/lib/server/ids');
	const { createSession } = await import('../../src/lib/server/auth/session');
	const id = newId();
	const email = uniqueEmail('cache');
	await write((tx) => tx.insert(schema.users).values({ id, email, emailKey: email, displayName: 'Cache Learner', passwordHash: '-', privacyAcceptedAt: Date.now(), createdAt: Date.now() }));
	const { token } = await createSession(id, 'e2e');
	return `session=${token}`;
}

test("a lesson's body is in its page once, stays after hydration, and a client-side navigation shows the next one", async ({ page }) => {
	const [first, second] = await twoLessons();
	const html = await (await fetch(base() + first)).text();
	const sentence = bodySentence(html);
	// once in the markup; the hydration data (the inline script) does not repeat it
	expect(html.split(sentence).length - 1).toBe(1);
	const script = html.slice(html.lastIndexOf('<script'));
	expect(script).not.toContain(sentence);
	const nextSentence = bodySentence(await (await fetch(base() + second)).text());

	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	await page.goto(base() + first);
	await page.waitForLoadState('networkidle');
	await expect(page.locator('.lesson-text')).toContainText(sentence);
	// the next lesson through the router (no page load): its body comes with its data
	await page.evaluate(() => ((window as unknown as { navigated: boolean }).navigated = false));
	await page.locator('a[rel="next"]').click();
	await expect(page).toHaveURL(new RegExp(second.replace(/\//g, '\\/') + '$'));
	await expect(page.locator('.lesson-text')).toContainText(nextSentence);
	await expect(page.locator('.lesson-text')).not.toContainText(sentence);
	expect(await page.evaluate(() => (window as unknown as { navigated?: boolean }).navigated)).toBe(false);
	// and back: the first body again, from the router
	await page.goBack();
	await expect(page.locator('.lesson-text')).toContainText(sentence);
	expect(errors).toEqual([]);
});

test("visitors' course pages may be kept by a shared cache and revalidate with 304; learners' pages are private", async () => {
	const [lesson] = await twoLessons();
	for (const path of [lesson, '/courses', lesson + '/__data.json?x-sveltekit-invalidated=11']) {
		const a = await fetch(base() + path);
		await a.arrayBuffer();
		const b = await fetch(base() + path);
		await b.arrayBuffer();
		expect(a.status, path).toBe(200);
		expect(a.headers.get('cache-control'), path).toMatch(/^public, /);
		expect(a.headers.get('vary'), path).toMatch(/Cookie/);
		expect(a.headers.get('set-cookie'), path).toBeNull();
		// the same page, the same validator (the CSP nonce differs between the two responses, the ETag does not)
		expect(b.headers.get('etag'), path).toBe(a.headers.get('etag'));
		const again = await fetch(base() + path, { headers: { 'if-none-match': a.headers.get('etag')! } });
		expect(again.status, path).toBe(304);
		expect(await again.text(), path).toBe('');
		expect(again.headers.get('content-security-policy'), path).toBeNull();
		// a changed page (another validator) is sent whole
		expect((await fetch(base() + path, { headers: { 'if-none-match': 'W/"other"' } })).status, path).toBe(200);
	}

	// a response that sets a cookie (a visitor choosing a language by link) is nobody else's
	const lang = await fetch(base() + lesson + '?lang=en');
	expect(lang.headers.get('set-cookie')).toContain('lang=en');
	expect(lang.headers.get('cache-control') ?? '').not.toContain('public');

	const cookie = await learnerCookie();
	for (const path of [lesson, '/courses', lesson + '/__data.json?x-sveltekit-invalidated=11']) {
		// twice: the second copy comes from the learners' page cache
		for (let i = 0; i < 2; i++) {
			const r = await fetch(base() + path, { headers: { cookie } });
			await r.arrayBuffer();
			expect(r.status, path).toBe(200);
			expect(r.headers.get('cache-control'), path).toBe('private, no-store');
		}
	}
});

test("a visitor's repeated page (answered before SvelteKit, from the cache) is the same page with the same headers and a fresh nonce", async () => {
	const [lesson] = await twoLessons();
	const headers = { 'accept-language': 'tr-TR,tr;q=0.9' };
	const first = await fetch(base() + lesson, { headers });
	const firstBody = await first.text();
	const later = await fetch(base() + lesson, { headers });
	const laterBody = await later.text();
	for (const name of ['content-type', 'cache-control', 'vary', 'etag', 'x-content-type-options', 'referrer-policy', 'permissions-policy', 'x-frame-options']) {
		expect(later.headers.get(name), name).toBe(first.headers.get(name));
		expect(later.headers.get(name), name).toBeTruthy();
	}
	expect(laterBody).toContain('lang="tr"');
	// a fresh nonce each time, and the one the page's scripts carry is the one the policy allows
	const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')?.[1];
	expect(nonceOf(later)).toBeTruthy();
	expect(nonceOf(later)).not.toBe(nonceOf(first));
	expect(laterBody).toContain(`nonce="${nonceOf(later)}"`);
	expect(laterBody.split(nonceOf(later)!).join('N')).toBe(firstBody.split(nonceOf(first)!).join('N'));
	// another language asked for is another copy
	const en = await (await fetch(base() + lesson, { headers: { 'accept-language': 'en' } })).text();
	expect(en).toContain('lang="en"');
	// a 304 from the fast path carries the validator and the security headers, no body
	const again = await fetch(base() + lesson, { headers: { ...headers, 'if-none-match': first.headers.get('etag')! } });
	expect(again.status).toBe(304);
	expect(again.headers.get('x-frame-options')).toBe('DENY');
	expect(await again.text()).toBe('');
});

test("a learner's repeated lesson page, answered before SvelteKit, follows the session, the account and the progress", async () => {
	test.setTimeout(90_000);
	// its own server, with request logging: the log says which answers took the fast path
	const server = await startServer({ env: { CONTENT_DIR: path.resolve('tests/fixtures/content'), LOG_REQUESTS: '1' }, quiet: true });
	const dbc = createClient({ url: server.env.DATABASE_URL });
	try {
		const origin = server.url;
		const email = uniqueEmail('fast');
		const reg = await fetch(origin + '/register', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin },
			body: new URLSearchParams({ email, displayName: 'Schnelle Lernerin', password: 'ein langes Passwort', locale: 'de', consent: 'on' }),
			redirect: 'manual'
		});
		expect(reg.status).toBe(303);
		const cookie = reg.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
		expect(cookie).toContain('session=');
		const catalogue = await (await fetch(origin + '/courses/testkurs-beirat')).text();
		const lessons = [...new Set([...catalogue.matchAll(/href="(\/courses\/testkurs-beirat\/[a-z0-9-]+)"/g)].map((m) => m[1]))];
		// a lesson without a quiz (a graded quiz's page is personal and never cached)
		let lesson = '';
		for (const l of lessons) if (!(await (await fetch(origin + l)).text()).includes('name="revision"')) lesson = lesson || l;
		expect(lesson).not.toBe('');

		// what the server logged for a request: everything before the log line of a /healthz asked right after it
		const logged = async (before: number) => {
			await fetch(origin + '/healthz');
			await expect.poll(() => server.output().slice(before).includes('"path":"/healthz"')).toBe(true);
			return server.output().slice(before, before + server.output().slice(before).indexOf('"path":"/healthz"'));
		};
		const get = async (extra: Record<string, string> = {}) => {
			const before = server.output().length;
			const r = await fetch(origin + lesson, { headers: { cookie, 'accept-language': 'de', ...extra } });
			const body = await r.text();
			const line = (await logged(before)).split('\n').find((l) => l.includes(`"path":"${lesson}"`)) ?? '';
			return { r, body, fast: line.includes('"cache":"learner"') };
		};
		const first = await get();
		expect(first.fast).toBe(false);
		const second = await get();
		expect(second.fast).toBe(true);
		// the same page as SvelteKit made it, with the learner's name, a fresh nonce, and the headers of a learner's page
		expect(second.body).toContain('Schnelle Lernerin');
		const nonceOf = (r: Response) => /'nonce-([^']+)'/.exec(r.headers.get('content-security-policy') ?? '')![1];
		expect(nonceOf(second.r)).not.toBe(nonceOf(first.r));
		expect(second.body.split(nonceOf(second.r)).join('N')).toBe(first.body.split(nonceOf(first.r)).join('N'));
		for (const name of ['content-type', 'cache-control', 'x-frame-options', 'referrer-policy', 'content-security-policy']) expect(!!second.r.headers.get(name), name).toBe(true);
		expect(second.r.headers.get('cache-control')).toBe('private, no-store');
		// the sliding session cookie, with the attributes SvelteKit gives it
		const attrs = (r: Response) =>
			r.headers
				.getSetCookie()
				.find((c) => c.startsWith('session='))!
				.split('; ')
				.map((a) => a.split('=')[0].toLowerCase())
				.sort();
		expect(attrs(second.r)).toEqual(attrs(first.r));
		expect(second.r.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0]).toBe(cookie.split('; ').find((c) => c.startsWith('session=')));

		// a new display name shows at once
		await dbc.execute({ sql: 'update users set display_name = ? where email_key = ?', args: ['Neuer Name', email] });
		const renamed = await get();
		expect(renamed.fast).toBe(true);
		expect(renamed.body).toContain('Neuer Name');
		expect(renamed.body).not.toContain('Schnelle Lernerin');

		// "mark as done" from another site, or without a session: refused by SvelteKit, nothing stored
		const complete = async (headers: Record<string, string>, body = '') => {
			const before = server.output().length;
			const r = await fetch(`${origin}${lesson}?/complete`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body, redirect: 'manual' });
			const text = await r.text();
			return { r, text, fast: (await logged(before)).includes('"fast":"complete"') };
		};
		const doneCount = async () => Number((await dbc.execute({ sql: 'select count(*) as n from lesson_progress p join users u on u.id = p.user_id where u.email_key = ? and p.completed_at is not null', args: [email] })).rows[0].n);
		const foreign = await complete({ cookie, origin: 'https://elsewhere.example', accept: 'text/html' });
		expect(foreign.r.status).toBe(403);
		expect(foreign.fast).toBe(false);
		const anonymous = await complete({ origin, accept: 'text/html' });
		expect(anonymous.r.status).toBe(303);
		expect(anonymous.r.headers.get('location')).toMatch(/^\/login\?redirectTo=/);
		expect(await doneCount()).toBe(0);

		// marked done (the form, as without JavaScript): answered before SvelteKit with the action's redirect, stored
		expect(first.body).not.toContain('Diese Lektion ist erledigt.');
		const done = await complete({ cookie, origin, accept: 'text/html' });
		expect(done.fast).toBe(true);
		expect(done.r.status).toBe(303);
		expect(done.r.headers.get('location')).toBe(`${lesson}#progress`);
		expect(done.r.headers.get('cache-control')).toBe('private, no-store');
		expect(done.r.headers.getSetCookie().some((c) => c.startsWith('session='))).toBe(true);
		expect(await doneCount()).toBe(1);
		// the enhanced form's request (JavaScript on) gets SvelteKit's JSON for a redirecting action; a replay stores nothing new
		const enhanced = await complete({ cookie, origin, accept: 'application/json', 'x-sveltekit-action': 'true' });
		expect(enhanced.fast).toBe(true);
		expect(JSON.parse(enhanced.text)).toEqual({ type: 'redirect', status: 303, location: `${lesson}#progress` });
		expect(await doneCount()).toBe(1);
		expect((await get()).body).toContain('Diese Lektion ist erledigt.');
		const doneAgain = await get();
		expect(doneAgain.fast).toBe(true);
		expect(doneAgain.body).toContain('Diese Lektion ist erledigt.');

		// the account's language changed elsewhere (another device): English, not the German copy
		await dbc.execute({ sql: "update users set locale = 'en' where email_key = ?", args: [email] });
		const english = await get();
		expect(english.fast).toBe(false);
		expect(english.body).toContain('lang="en"');
		expect((await get()).fast).toBe(true);

		// a disabled account, then an ended session: no learner's page, the session cookie is cleared
		await dbc.execute({ sql: 'update users set disabled_at = ? where email_key = ?', args: [Date.now(), email] });
		const disabled = await get();
		expect(disabled.fast).toBe(false);
		expect(disabled.body).not.toContain('Neuer Name');
		// (the visitor's copy it gets, from the cache, must still clear the cookie, and is nobody else's to keep)
		expect(disabled.r.headers.getSetCookie().find((c) => c.startsWith('session='))).toMatch(/^session=;.*Max-Age=0/);
		expect(disabled.r.headers.get('cache-control')).toBe('private, no-store');
		await dbc.execute({ sql: 'update users set disabled_at = null where email_key = ?', args: [email] });
		const ended = await get();
		expect(ended.fast).toBe(false);
		expect(ended.body).not.toContain('Neuer Name');
	} finally {
		dbc.close();
		await server.stop();
		fs.rmSync(server.dir, { recursive: true, force: true });
	}
});
