// Issue 8, item 4, over real HTTP behind a (simulated) reverse proxy: the server runs with
// ADDRESS_HEADER=X-Forwarded-For, XFF_DEPTH=1, so each request's address is what the proxy appended. A spray at one
// account from many addresses holds strangers but not the owner's browser, the reset mail still arrives and the new
// password works at once; a spray from one address at many accounts holds that address only, and a client cannot
// escape by writing its own X-Forwarded-For entries.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb, schema } from '../../src/lib/server/db';
import { startServer, type RunningServer } from '../server';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let n = 0;

function post(path: string, fields: Record<string, string>, opts: { xff?: string; cookie?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: server.url, 'accept-language': 'de' };
	if (opts.xff !== undefined) headers['x-forwarded-for'] = opts.xff;
	if (opts.cookie) headers.cookie = opts.cookie;
	return fetch(server.url + path, { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' });
}

const cookieOf = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.startsWith(name + '='))?.split(';')[0];

async function register(xff: string) {
	const email = `spray-${Date.now()}-${n++}@example.org`;
	const password = 'das richtige Passwort';
	const res = await post('/register', { email, password, displayName: 'Besitzerin', locale: 'de', consent: 'on' }, { xff });
	expect(res.status).toBe(303);
	// the browser that created the account is known to it from now on (checked where it matters)
	return { email, password, browser: cookieOf(res, 'browser') ?? '' };
}

test.beforeAll(async () => {
	// a server of its own: starting it on a busy machine can take a while
	test.setTimeout(180_000);
	server = await startServer({ env: { ADDRESS_HEADER: 'X-Forwarded-For', XFF_DEPTH: '1', INGEST_WORKER: '0', CONTENT_DIR: path.resolve('tests/fixtures/content') } });
});

test.afterAll(async () => {
	await server?.stop();
});

test('a request that bypassed the proxy (no X-Forwarded-For) is answered, not a 500', async () => {
	const res = await post('/login', { email: 'niemand@example.org', password: 'irgendwas' });
	expect(res.status).toBe(400);
	expect(await res.text()).toContain('stimmen nicht');
	expect((await fetch(server.url + '/login', { headers: {} })).status).toBe(200);
});

test('an account sprayed from many addresses: strangers wait, the owner’s browser gets in, the reset mail works', async () => {
	test.setTimeout(120_000);
	const owner = await register('192.0.2.10');
	for (let i = 0; i < 20; i++) {
		const res = await post('/login', { email: owner.email, password: `Rate ${i}` }, { xff: `198.51.100.${i + 1}` });
		expect(res.status).toBe(400);
	}
	// the right password from an address that never failed: held, and told how to get in
	const held = await post('/login', { email: owner.email, password: owner.password }, { xff: '198.51.100.200' });
	expect(held.status).toBe(429);
	expect(await held.text()).toMatch(/Für dieses Konto gab es zu viele fehlgeschlagene Anmeldeversuche\. Bitte versuchen Sie es um \d\d:\d\d Uhr wieder – oder setzen Sie Ihr Passwort zurück/);
	// the owner's browser (the cookie it got at registration), from yet another address: logged in
	expect(owner.browser).toMatch(/^browser=/);
	const owners = await post('/login', { email: owner.email, password: owner.password }, { xff: '192.0.2.99', cookie: owner.browser });
	expect(owners.status).toBe(303);
	expect(cookieOf(owners, 'session')).toBeTruthy();

	// from a new browser: the reset mail is still sent …
	const asked = await post('/reset', { email: owner.email }, { xff: '192.0.2.50' });
	expect(asked.status).toBe(200);
	const h = openDb(server.env.DATABASE_URL);
	const mail = (await h.db.select().from(schema.outbox).where(eq(schema.outbox.to, owner.email)))[0];
	h.client.close();
	const token = /\/reset\/([a-z0-9]+)/.exec(mail.body)![1];
	expect((await post(`/reset/${token}`, { password: 'ein ganz neues Passwort' }, { xff: '192.0.2.50' })).status).toBe(303);
	// … and the new password works at once, from that new browser
	const after = await post('/login', { email: owner.email, password: 'ein ganz neues Passwort' }, { xff: '192.0.2.50' });
	expect(after.status).toBe(303);
});

test('one address spraying many accounts is held; its neighbours and spoofed X-Forwarded-For entries change nothing', async () => {
	test.setTimeout(120_000);
	const victim = await register('192.0.2.20');
	for (let i = 0; i < 50; i++) {
		const res = await post('/login', { email: `konto${i}-${Date.now()}@example.org`, password: 'Sommer2024!' }, { xff: '203.0.113.50' });
		expect(res.status).toBe(400);
	}
	const held = await post('/login', { email: victim.email, password: victim.password }, { xff: '203.0.113.50' });
	expect(held.status).toBe(429);
	expect(await held.text()).toMatch(/Aus Ihrem Netzwerk gab es zu viele fehlgeschlagene Anmeldeversuche/);
	// the sprayer writes another address in front of the one the proxy appends: still the same address
	expect((await post('/login', { email: victim.email, password: victim.password }, { xff: '198.18.0.1, 203.0.113.50' })).status).toBe(429);
	// a client whose own list ends in the sprayer's address, behind the proxy's entry for the real one: not held
	expect((await post('/login', { email: victim.email, password: victim.password }, { xff: '203.0.113.50, 203.0.113.51' })).status).toBe(303);
	// the owner's browser at the sprayer's address (same Wi-Fi) is not held either
	expect(victim.browser).toMatch(/^browser=/);
	expect((await post('/login', { email: victim.email, password: victim.password }, { xff: '203.0.113.50', cookie: victim.browser })).status).toBe(303);
});
