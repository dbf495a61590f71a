// Real HTTP against the built server: headers, CSRF, tampered cookies, oversized bodies, JSON endpoint rules, health, shutdown.
import { expect, test } from '@playwright/test';
import { startServer } from '../server';
import { createUserInDb } from './helpers';

const base = () => process.env.E2E_BASE_URL!;

async function loginCookie(email: string, password: string) {
	const res = await fetch(base() + '/login', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base(), accept: 'text/html' },
		body: new URLSearchParams({ email, password }),
		redirect: 'manual'
	});
	expect(res.status).toBe(303);
	const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='))!;
	expect(cookie).toMatch(/HttpOnly/i);
	expect(cookie).toMatch(/SameSite=Lax/i);
	expect(cookie).toMatch(/Path=\//);
	return cookie.split(';')[0];
}

test('security headers and CSP on every page', async () => {
	const res = await fetch(base() + '/login');
	const csp = res.headers.get('content-security-policy')!;
	expect(csp).toContain("frame-ancestors 'none'");
	expect(csp).toContain("media-src 'self' blob:");
	expect(csp).toMatch(/script-src 'self' 'nonce-/);
	expect(csp).not.toContain('unsafe-eval');
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	expect(res.headers.get('permissions-policy')).toContain('camera=()');
});

test('a forged cross-site form post is refused and logs nobody in', async () => {
	const user = await createUserInDb('learner');
	const res = await fetch(base() + '/login', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', accept: 'text/html' },
		body: new URLSearchParams({ email: user.email, password: user.password }),
		redirect: 'manual'
	});
	expect(res.status).toBe(403);
	expect(res.headers.getSetCookie().some((c) => c.startsWith('session='))).toBe(false);
});

test('a tampered session cookie is treated as logged out and cleared', async () => {
	const user = await createUserInDb('learner');
	const cookie = await loginCookie(user.email, user.password);
	const ok = await fetch(base() + '/account', { headers: { cookie }, redirect: 'manual' });
	expect(ok.status).toBe(200);
	const tampered = cookie.slice(0, -2) + (cookie.endsWith('aa') ? 'bb' : 'aa');
	const res = await fetch(base() + '/account', { headers: { cookie: tampered }, redirect: 'manual' });
	expect(res.status).toBe(303);
	expect(res.headers.get('location')).toBe('/login?redirectTo=%2Faccount');
	expect(res.headers.getSetCookie().some((c) => c.startsWith('session=;') || /session=.*Max-Age=0/.test(c))).toBe(true);
});

test('an oversized form body gets 413 with a message and changes nothing', async () => {
	const big = 'x'.repeat(2 * 1024 * 1024);
	const res = await fetch(base() + '/register', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base(), 'accept-language': 'de' },
		body: `email=big%40example.org&password=12345678&displayName=${big}&locale=de&consent=on`
	});
	expect(res.status).toBe(413);
	// the unread body makes the connection unusable: the server says so instead of resetting the next request
	expect(res.headers.get('connection')).toBe('close');
	expect(await res.text()).toContain('zu groß');
	const login = await fetch(base() + '/login', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base(), accept: 'text/html' },
		body: new URLSearchParams({ email: 'big@example.org', password: '12345678' }),
		redirect: 'manual'
	});
	expect(login.status).toBe(400);
});

test('JSON endpoints accept only application/json from the same site', async () => {
	const cross = await fetch(base() + '/api/anything', { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' }, body: '{}' });
	expect(cross.status).toBe(403);
	const form = await fetch(base() + '/api/anything', { method: 'POST', headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'same-origin', origin: base() }, body: '{}' });
	expect(form.status).toBe(415);
});

test('logout is POST only and ends the session', async () => {
	const user = await createUserInDb('learner');
	const cookie = await loginCookie(user.email, user.password);
	const get = await fetch(base() + '/logout', { headers: { cookie }, redirect: 'manual' });
	expect(get.status).toBe(405);
	const post = await fetch(base() + '/logout', { method: 'POST', headers: { cookie, origin: base() }, redirect: 'manual' });
	expect(post.status).toBe(303);
	const after = await fetch(base() + '/account', { headers: { cookie }, redirect: 'manual' });
	expect(after.status).toBe(303);
});

test('healthz answers 200 while the database answers; SIGTERM finishes in-flight requests and exits cleanly', async () => {
	const server = await startServer();
	try {
		const ok = await fetch(server.url + '/healthz');
		expect(ok.status).toBe(200);
		expect(await ok.json()).toEqual({ status: 'ok', failing: [] });
		// a request in flight when SIGTERM arrives still gets its answer
		const inFlight = fetch(server.url + '/login');
		await new Promise((r) => setTimeout(r, 5));
		const exited = new Promise<number | null>((resolve) => server.proc.once('exit', (code) => resolve(code)));
		server.proc.kill('SIGTERM');
		expect((await inFlight).status).toBe(200);
		expect(await exited).toBe(0);
	} finally {
		await server.stop();
	}
});
