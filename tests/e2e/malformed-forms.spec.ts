// Issue 8, item 5: every form action in src/routes (found by reading the route files, so a new action is covered
// without touching this test) and every endpoint that reads a form, posted a multipart body without a boundary,
// a broken multipart body and text/plain: 400 with the translated message, as a page and as use:enhance's JSON,
// never a 500, and nothing changes (the episode stays unpublished, the account stays).
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { createUserInDb } from './helpers';

const base = () => process.env.E2E_BASE_URL!;
const ROUTES = path.resolve('src/routes');

const MALFORMED: { kind: string; type: string; body: string }[] = [
	{ kind: 'multipart without boundary', type: 'multipart/form-data', body: '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nHallo\r\n--x--\r\n' },
	{ kind: 'broken multipart', type: 'multipart/form-data; boundary=x', body: '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nHal' },
	{ kind: 'text/plain', type: 'text/plain', body: 'title=Hallo\r\nslug=hallo\r\n' }
];

/** The German message each kind of route answers with. */
const BAD_FORM = 'Das Formular ist unvollständig oder in einem unbekannten Format angekommen.';
// the no-JS audio form streams its body itself (never through FormData) and names the upload as the problem
const STREAMED: Record<string, string> = { '/studio/episodes/[slug]?/upload': 'Das Hochladen ist fehlgeschlagen' };

function walk(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Route id + action query for every action of every +page.server.ts, and every +server.ts POST that reads a form. */
function formTargets(): string[] {
	const targets: string[] = [];
	for (const file of walk(ROUTES)) {
		const id = '/' + path.relative(ROUTES, path.dirname(file)).split(path.sep).join('/');
		const route = id === '/.' ? '/' : id.replace(/\/$/, '');
		const source = fs.readFileSync(file, 'utf8');
		if (file.endsWith('+page.server.ts')) {
			const at = source.indexOf('export const actions');
			if (at < 0) continue;
			const names = [...source.slice(at).matchAll(/^\t([A-Za-z]\w*):/gm)].map((m) => m[1]);
			expect(names.length, `actions in ${file}`).toBeGreaterThan(0);
			for (const name of names) targets.push(name === 'default' ? route : `${route}?/${name}`);
		} else if (file.endsWith('+server.ts') && /export const POST/.test(source) && /formData\(/.test(source)) {
			targets.push(route);
		}
	}
	return targets;
}

test('every form action answers malformed bodies with 400 and the translated message, never 500', async () => {
	test.setTimeout(180_000);
	process.env.DATABASE_URL = process.env.E2E_DB_URL;
	const { db, schema, write } = await import('../../src/lib/server/db');
	const { eq } = await import('drizzle-orm');
	const { studioCourse } = await import('../../src/lib/server/studio/test-helpers');
	const { createEpisode } = await import('../../src/lib/server/studio-episodes/episodes');
	const { newId } = await import('../../src/lib/server/ids');

	const admin = await createUserInDb('admin');
	const other = await createUserInDb('learner');
	const course = await studioCourse({ id: admin.id, role: 'admin' });
	const slug = `kaputt-${Date.now().toString(36)}`;
	const episode = await createEpisode(admin.id, { title: 'Kaputte Formulare', slug, date: '2026-02-01', season: 1, number: 91, type: 'full', summary: '', explicit: false, notes: '' });
	if (!episode.ok) throw new Error('no episode');
	const council = newId();
	await write((tx) => tx.insert(schema.organisations).values({ id: council, slug: `rat-${council}`, name: 'Beirat Kaputt', createdAt: Date.now() }));
	const params: Record<string, string> = { course: course.course.slug, lesson: course.lesson.slug, slug, token: 'a'.repeat(40), lang: 'de-x-ls' };
	const paramFor = (route: string, name: string) => (name === 'id' ? (route.startsWith('/admin/councils') ? council : other.id) : params[name]);

	const login = await fetch(base() + '/login', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base() },
		body: new URLSearchParams({ email: admin.email, password: admin.password }),
		redirect: 'manual'
	});
	const cookie = login.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0];

	const targets = formTargets();
	// the enumeration found the forms we know of (and every one since)
	expect(targets).toEqual(expect.arrayContaining(['/login', '/register', '/language', '/account?/delete', '/studio/episodes/[slug]?/publish', '/studio/courses/upload']));
	const failures: string[] = [];
	for (const target of targets) {
		const url = target.replace(/\[(\w+)\]/g, (_, name: string) => {
			const value = paramFor(target, name);
			if (!value) throw new Error(`malformed-forms.spec.ts has no value for [${name}] in ${target}: add one`);
			return value;
		});
		const expected = STREAMED[target] ?? BAD_FORM;
		for (const m of MALFORMED) {
			for (const accept of ['text/html', 'application/json']) {
				const res = await fetch(base() + url, {
					method: 'POST',
					headers: { 'content-type': m.type, origin: base(), cookie, accept, 'accept-language': 'de', ...(accept === 'application/json' ? { 'x-sveltekit-action': 'true' } : {}) },
					body: m.body,
					redirect: 'manual'
				});
				const text = await res.text();
				// use:enhance gets an ActionResult: a failure travels as HTTP 200 with its status inside
				const status = accept === 'application/json' && res.status === 200 ? (JSON.parse(text) as { type: string; status: number }).status : res.status;
				if (status !== 400 || !text.includes(expected)) failures.push(`${target} · ${m.kind} · ${accept}: ${res.status} ${text.slice(0, 120)}`);
			}
		}
	}
	expect(failures).toEqual([]);

	// nothing changed: the episode is still a draft, the admin's account and session are still there
	const row = (await db().select().from(schema.episodes).where(eq(schema.episodes.slug, slug)))[0];
	expect(row.status).toBe('draft');
	expect(row.title).toBe('Kaputte Formulare');
	expect((await fetch(base() + '/account', { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
});
