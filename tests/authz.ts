// Table-driven authorisation checks over real HTTP against a running (built) server:
// principals (anonymous or logged-in cookies) × routes (pages and form actions) × expected answers.
// Used by tests/e2e/admin-authz.spec.ts; the studio's matrix reuses it with its own principals.

/** Who is asking: `cookie` is the Cookie header (null for anonymous). */
export interface Principal {
	name: string;
	cookie: string | null;
}

/**
 * What a principal should get:
 * - 'login'     303 to /login?redirectTo=<this path> (the guard's answer to anonymous visitors)
 * - 'forbidden' 403
 * - 'ok'        200
 * - 'redirect'  303 anywhere except /login (a successful form action)
 * - 'notFound'  404
 * - a number    exactly that status
 * - { status, location } a status and a Location matching the string (exactly) or RegExp
 */
export type Expectation = 'login' | 'forbidden' | 'ok' | 'redirect' | 'notFound' | number | { status: number; location?: string | RegExp };

export interface AuthzRoute {
	/** GET (default) loads the page; POST submits a form, e.g. path '/admin/users/ID?/role'. */
	method?: 'GET' | 'POST';
	path: string;
	/** POST body, sent as application/x-www-form-urlencoded. */
	form?: Record<string, string>;
	/** POST body for JSON endpoints (/api/…), sent as application/json instead of `form`. */
	json?: unknown;
	/** Expected answer per principal name; a principal missing here is a test-table error. */
	expect: Record<string, Expectation>;
}

export interface Answer {
	status: number;
	location: string | null;
}

/** Logs in through POST /login (like a browser without JS) and returns the session Cookie header. */
export async function loginCookie(baseUrl: string, email: string, password: string): Promise<string> {
	const res = await fetch(baseUrl + '/login', {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, accept: 'text/html' },
		body: new URLSearchParams({ email, password })
	});
	const session = res.headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.find((c) => c.startsWith('session=') && c.length > 'session='.length);
	if (res.status !== 303 || !session) throw new Error(`login as ${email} failed: HTTP ${res.status}`);
	return session;
}

/** One request as one principal. Form POSTs carry the server's own Origin, as SvelteKit's CSRF check requires. */
export async function ask(baseUrl: string, principal: Principal, route: Pick<AuthzRoute, 'method' | 'path' | 'form' | 'json'>): Promise<Answer> {
	const method = route.method ?? 'GET';
	const headers: Record<string, string> = { accept: 'text/html' };
	if (principal.cookie) headers.cookie = principal.cookie;
	let body: URLSearchParams | string | undefined;
	if (method === 'POST') {
		headers.origin = baseUrl;
		if (route.json !== undefined) {
			headers['content-type'] = 'application/json';
			headers.accept = 'application/json';
			body = JSON.stringify(route.json);
		} else {
			headers['content-type'] = 'application/x-www-form-urlencoded';
			body = new URLSearchParams(route.form ?? {});
		}
	}
	const res = await fetch(baseUrl + route.path, { method, headers, body, redirect: 'manual' });
	await res.arrayBuffer();
	return { status: res.status, location: res.headers.get('location') };
}

/** Where the guard sends an anonymous visitor of `path`: the login page, coming back to `path`. */
function isLoginRedirect(answer: Answer, path: string): boolean {
	if (answer.status !== 303 || !answer.location) return false;
	const loc = new URL(answer.location, 'http://x');
	if (loc.pathname !== '/login') return false;
	const back = loc.searchParams.get('redirectTo') ?? '';
	const wanted = new URL(path, 'http://x');
	// a page comes back to itself exactly; an action comes back to its page (its `?/name` may ride along)
	return back === wanted.pathname + wanted.search || new URL(back, 'http://x').pathname === wanted.pathname;
}

export function matches(expected: Expectation, answer: Answer, path: string): boolean {
	switch (expected) {
		case 'login':
			return isLoginRedirect(answer, path);
		case 'forbidden':
			return answer.status === 403;
		case 'ok':
			return answer.status === 200;
		case 'notFound':
			return answer.status === 404;
		case 'redirect':
			return answer.status === 303 && !!answer.location && !answer.location.startsWith('/login');
		default:
			if (typeof expected === 'number') return answer.status === expected;
			if (answer.status !== expected.status) return false;
			if (expected.location === undefined) return true;
			if (typeof expected.location === 'string') return answer.location === expected.location;
			return expected.location.test(answer.location ?? '');
	}
}

/**
 * Walks every route for every principal, principal by principal in the given order (so the caller can
 * run the ones that must change nothing first, then check the database, then run the others).
 * Returns one readable line per mismatch; an empty array means the table holds.
 */
export async function checkAuthz(baseUrl: string, principals: Principal[], routes: AuthzRoute[]): Promise<string[]> {
	const problems: string[] = [];
	for (const principal of principals) {
		for (const route of routes) {
			const expected = route.expect[principal.name];
			const label = `${route.method ?? 'GET'} ${route.path} as ${principal.name}`;
			if (expected === undefined) {
				problems.push(`${label}: no expectation in the table`);
				continue;
			}
			const answer = await ask(baseUrl, principal, route);
			if (!matches(expected, answer, route.path)) {
				problems.push(`${label}: expected ${JSON.stringify(expected instanceof Object ? { ...expected, location: String(expected.location) } : expected)}, got ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`);
			}
		}
	}
	return problems;
}

/** Shorthand for tables: the same expectation for several principals, then overrides. */
export function expectAll(names: string[], value: Expectation, overrides: Record<string, Expectation> = {}): Record<string, Expectation> {
	return { ...Object.fromEntries(names.map((n) => [n, value])), ...overrides };
}
