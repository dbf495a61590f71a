// Issue 11: a lesson's body is sent once (in the markup, not again in the hydration data), visitors' course pages can be
// kept by a shared cache (public, ETag, 304), learners' pages never (private, no-store).
import { expect, test } from '@playwright/test';
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
