// Two instances behind nginx, as deploy/ describes: sqld (the shared database), s3rver (the shared media store),
// two built servers with work folders of their own, and nginx running deploy/nginx.conf itself (only the upstream
// ports, the listen port and the cache folder filled in). A learner registers through nginx and is logged in on
// each instance; a quiz answered on both at once counts once; a listening position written on one is read on the
// other; failed logins on both add up to one throttle; built assets and packaged media come from nginx's cache; an
// upload through A is packaged by B's worker and played through nginx; B SIGKILLed in the middle of packaging:
// nginx sends everything to A, and the job is finished by another instance (its claim is stale after INGEST_STALE_S).
import { expect, test } from '@playwright/test';
import { createClient } from '@libsql/client';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startServer, tempDir, type RunningServer } from '../server';
import { sqldBinary, SQLD_MISSING, startSqld, type RunningSqld } from '../sqld';
import { startS3, type RunningS3 } from '../s3';
import { register } from './helpers';

const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : null;
test.skip(!sqldBinary(), SQLD_MISSING);
test.skip(!NGINX, 'nginx: /usr/sbin/nginx is missing (Debian package nginx-light): the two-instance test is skipped');
test.describe.configure({ mode: 'serial' });

const COURSE = '/courses/testkurs-beirat';
let sqld: RunningSqld;
let s3: RunningS3;
let a: RunningServer;
let b: RunningServer;
let c: RunningServer | undefined;
let sharedEnv: Record<string, string>;
let nginx: { url: string; dir: string; proc: ChildProcess };

/** deploy/nginx.conf with this run's ports and folders, inside a minimal main config of the test's own. */
function writeNginxConf(dir: string, port: number, upstreams: number[]): string {
	let site = fs.readFileSync('deploy/nginx.conf', 'utf8');
	const swap = (from: string | RegExp, to: string) => {
		const next = site.replace(from, to);
		expect(next, `deploy/nginx.conf no longer contains ${from}`).not.toBe(site);
		site = next;
	};
	swap('server 127.0.0.1:3001 ', `server 127.0.0.1:${upstreams[0]} `);
	swap('server 127.0.0.1:3002 ', `server 127.0.0.1:${upstreams[1]} `);
	swap(/listen 80;/, `listen 127.0.0.1:${port};`);
	swap('/var/cache/nginx/mitsprache', path.join(dir, 'cache'));
	fs.writeFileSync(path.join(dir, 'mitsprache.conf'), site);
	const main = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  log_format upstream '$request_uri $upstream_addr $status $upstream_cache_status';
  access_log ${dir}/access.log upstream;
  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;
  include ${dir}/mitsprache.conf;
}`;
	fs.writeFileSync(path.join(dir, 'nginx.conf'), main);
	return path.join(dir, 'nginx.conf');
}

async function startNginx(port: number, upstreams: number[]) {
	const dir = tempDir('mitsprache-nginx-');
	// the workers may run as an unprivileged user (when the test runs as root): they write temp and cache files
	for (const d of ['tmp', 'cache']) fs.mkdirSync(path.join(dir, d), { mode: 0o777 });
	fs.chmodSync(dir, 0o755);
	fs.chmodSync(path.join(dir, 'tmp'), 0o777);
	fs.chmodSync(path.join(dir, 'cache'), 0o777);
	const conf = writeNginxConf(dir, port, upstreams);
	const proc = spawn(NGINX!, ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
	let err = '';
	proc.stderr!.on('data', (d) => (err += d));
	const url = `http://127.0.0.1:${port}`;
	for (let i = 0; ; i++) {
		if (proc.exitCode !== null) throw new Error(`nginx exited (${proc.exitCode}): ${err}`);
		try {
			if ((await fetch(url + '/healthz')).ok) break;
		} catch {
			/* not listening yet */
		}
		if (i > 200) throw new Error('nginx did not answer: ' + err);
		await new Promise((r) => setTimeout(r, 50));
	}
	return { url, dir, proc };
}

test.beforeAll(async () => {
	test.setTimeout(120_000);
	sqld = await startSqld();
	s3 = await startS3();
	const nginxPort = await freePort();
	const env = (sharedEnv = {
		...s3.env,
		DATABASE_URL: sqld.url,
		// the public address is nginx's: form posts must come from there (CSRF), on whichever instance they land
		ORIGIN: `http://127.0.0.1:${nginxPort}`,
		ADDRESS_HEADER: 'X-Forwarded-For',
		XFF_DEPTH: '1',
		CONTENT_DIR: path.resolve('tests/fixtures/content')
	});
	// one after the other, as deploy/README.md suggests (two migrating at once is tested in db/unavailable.test.ts)
	// A packages nothing: an upload through A can only be packaged by B's worker
	a = await startInstance({ ...env, INGEST_WORKER: '0' });
	b = await startInstance(env);
	expect(a.dir).not.toBe(b.dir);
	nginx = await startNginx(nginxPort, [a.port, b.port]);
});

/** An instance as deploy/mitsprache@.service starts it: its Environment= lines with %i the port, /var/lib in a temp folder. */
async function startInstance(env: Record<string, string>): Promise<RunningServer> {
	const unit = fs.readFileSync('deploy/mitsprache@.service', 'utf8');
	expect(unit).toMatch(/^ExecStart=\S*node scripts\/server\.mjs$/m);
	const port = await freePort();
	const state = tempDir('mitsprache-instance-');
	const unitEnv: Record<string, string> = {};
	for (const [, name, value] of unit.matchAll(/^Environment=(\w+)=(.*)$/gm)) unitEnv[name] = value.replaceAll('%i', String(port)).replace('/var/lib/mitsprache', state);
	expect(Object.keys(unitEnv).sort()).toEqual(['BODY_SIZE_LIMIT', 'HOST', 'KEEP_ALIVE_TIMEOUT', 'MEDIA_DIR', 'NODE_ENV', 'PORT']);
	return startServer({ port, dir: state, env: { ...env, ...unitEnv }, quiet: !process.env.E2E_SERVER_LOG });
}

test.afterAll(async () => {
	nginx?.proc.kill('SIGQUIT');
	// a SIGKILLed instance has exited already (stop() would wait for an exit that has happened)
	await Promise.all([a, b, c].filter((s): s is RunningServer => !!s && s.proc.exitCode === null && s.proc.signalCode === null).map((s) => s.stop()));
	await sqld?.stop();
	await s3?.close();
});

/** A form post straight to one instance, as nginx would forward it (Origin is the public one). */
function postTo(server: RunningServer, pathname: string, fields: Record<string, string>, opts: { cookie?: string; xff?: string } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: nginx.url, 'accept-language': 'de' };
	if (opts.cookie) headers.cookie = opts.cookie;
	if (opts.xff) headers['x-forwarded-for'] = opts.xff;
	return fetch(server.url + pathname, { method: 'POST', headers, body: new URLSearchParams(fields), redirect: 'manual' });
}

test('one learner across two instances: session, quiz at once on both, listening position; assets and media cached by nginx', async ({ browser }) => {
	test.setTimeout(90_000);
	const context = await browser.newContext({ baseURL: nginx.url, locale: 'de-DE' });
	const page = await context.newPage();
	// registered through nginx (one instance or the other) …
	const me = await register(page, { name: 'Zwei Instanzen' });
	const cookie = (await context.cookies(nginx.url)).map((c) => `${c.name}=${c.value}`).join('; ');
	expect(cookie).toContain('session=');
	// … and logged in on each instance directly (cookies do not depend on the port)
	for (const server of [a, b]) {
		const res = await fetch(server.url + '/me', { headers: { cookie, 'accept-language': 'de' }, redirect: 'manual' });
		expect(res.status, `/me on port ${server.port}`).toBe(200);
		expect(await res.text()).toContain(me.name);
	}
	// requests through nginx went round robin to both
	await expect.poll(() => upstreamsSeen()).toEqual(new Set([`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]));

	// enrol through nginx, then the quiz answered right on A and on B at the same moment
	await page.goto(COURSE);
	await page.getByRole('button', { name: 'Kurs beginnen' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Was ist ein Beirat?' })).toBeVisible();
	await page.goto(`${COURSE}/rechte`);
	const revision = await page.locator('input[name=revision]').inputValue();
	const right = [
		page.getByRole('group', { name: /Was darf ein Beirat/ }).getByLabel('Anträge stellen'),
		page.getByRole('group', { name: /Welche Aussagen stimmen/ }).getByLabel('Mitglieder können im Ausschuss sprechen'),
		page.getByRole('group', { name: /Welche Aussagen stimmen/ }).getByLabel('Anträge gehen an den Gemeinderat')
	];
	const form = new URLSearchParams({ revision });
	for (const box of right) form.append((await box.getAttribute('name'))!, (await box.getAttribute('value'))!);
	const postQuiz = (server: RunningServer) =>
		fetch(`${server.url}${COURSE}/rechte?/quiz`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html', origin: nginx.url, cookie, 'accept-language': 'de' }, body: form, redirect: 'manual' });
	const both = await Promise.all([postQuiz(a), postQuiz(b)]);
	for (const res of both) {
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('Ergebnis: 100 % richtig');
	}
	// both attempts are stored, the lesson is done once: 1 of 4, read on the other instance and through nginx
	const db = createClient({ url: sqld.url });
	const attempts = await db.execute({ sql: 'select count(*) as n from quiz_attempts a join users u on u.id = a.user_id where u.email = ?', args: [me.email] });
	db.close();
	expect(Number(attempts.rows[0].n)).toBe(2);
	for (const url of [a.url, b.url]) {
		const html = await (await fetch(url + '/me', { headers: { cookie, 'accept-language': 'de' } })).text();
		expect(html).toContain('1 von 4 Lektionen erledigt (25 %)');
	}

	// the fixture episode is packaged by one of the two workers into the bucket; a position saved on A …
	const heartbeat = (server: RunningServer, position: number) =>
		fetch(server.url + '/api/listening', { method: 'POST', headers: { 'content-type': 'application/json', origin: nginx.url, cookie }, body: JSON.stringify({ episode: 'erste-folge', position, at: Date.now() }) });
	await expect
		.poll(
			async () => {
				const res = await heartbeat(a, 0.5);
				return `${res.status} ${await res.text()}`;
			},
			{ timeout: 45_000, intervals: [500] }
		)
		.toMatch(/^200 /);
	// … is where B's episode page resumes (the player's start, from the page data), and one saved on B is A's
	expect(await resumeAt(b, cookie)).toBe(0.5);
	expect((await heartbeat(b, 1.5)).status).toBe(200);
	expect(await resumeAt(a, cookie)).toBe(1.5);
	await page.goto(a.url + '/podcast/erste-folge');
	await expect(page.getByRole('group', { name: /Audioplayer/ }).first()).toBeVisible();

	// the episode's media through nginx: the second request is nginx's own copy
	const html = await (await fetch(nginx.url + '/podcast/erste-folge', { headers: { cookie } })).text();
	const media = /\/media\/[^"'\s]+\.(?:m3u8|png|jpg|webp|json)/.exec(html)?.[0];
	expect(media, 'a /media URL on the episode page').toBeTruthy();
	const asset = /\/_app\/immutable\/[^"'\s]+\.js/.exec(html)?.[0];
	expect(asset, 'an /_app/immutable URL on the page').toBeTruthy();
	for (const url of [media!, asset!]) {
		const first = await fetch(nginx.url + url);
		expect(first.status, url).toBe(200);
		await first.arrayBuffer();
		const second = await fetch(nginx.url + url);
		expect(second.status).toBe(200);
		expect(second.headers.get('x-cache-status'), url).toBe('HIT');
		expect(second.headers.get('cache-control')).toMatch(/max-age=\d+/);
	}
	await context.close();
});

test('failed logins on A and on B add up to one throttle (kept in the shared database)', async () => {
	const account = `multi-throttle-${Date.now()}@example.org`;
	expect((await postTo(b, '/register', { email: account, password: 'das richtige Passwort', displayName: 'Gesperrt', locale: 'de', consent: 'on' }, { xff: '192.0.2.1' })).status).toBe(303);
	// 5 wrong passwords on each instance from one address: 10, the limit of one account+address pair
	for (let i = 0; i < 10; i++) {
		const res = await postTo(i % 2 ? b : a, '/login', { email: account, password: `falsch ${i}` }, { xff: '203.0.113.7' });
		expect(res.status, `attempt ${i + 1}`).toBe(400);
	}
	for (const server of [a, b]) {
		const held = await postTo(server, '/login', { email: account, password: 'das richtige Passwort' }, { xff: '203.0.113.7' });
		expect(held.status, `port ${server.port}`).toBe(429);
		expect(await held.text()).toMatch(/Bitte versuchen Sie es um \d\d:\d\d Uhr wieder/);
	}
	// another address is not held
	expect((await postTo(b, '/login', { email: account, password: 'das richtige Passwort' }, { xff: '203.0.113.8' })).status).toBe(303);
});

/** A trainer registered through A creates an episode and uploads `audio` to A: the session cookie, the slug, the job. */
async function trainerUploadsThroughA(o: { displayName: string; xff: string; title: string; slugPrefix: string; number: string; audio: string }) {
	const email = `multi-${o.slugPrefix}-${Date.now()}@example.org`;
	const reg = await postTo(a, '/register', { email, password: 'das richtige Passwort', displayName: o.displayName, locale: 'de', consent: 'on' }, { xff: o.xff });
	expect(reg.status).toBe(303);
	const cookie = reg.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
	const db = createClient({ url: sqld.url });
	await db.execute({ sql: "update users set role = 'trainer' where email = ?", args: [email] });
	db.close();
	const slug = `${o.slugPrefix}-${Date.now().toString(36)}`;
	expect((await postTo(a, '/studio/episodes?/create', { title: o.title, slug, date: '2026-12-01', season: '1', number: o.number, type: 'full' }, { cookie })).status).toBe(303);
	const up = await fetch(`${a.url}/studio/episodes/${slug}/upload`, { method: 'POST', headers: { cookie, origin: nginx.url, 'content-type': 'application/octet-stream', 'accept-language': 'de' }, body: fs.readFileSync(o.audio) });
	expect(up.status).toBe(200);
	const { jobId } = (await up.json()) as { jobId: string };
	expect(jobId).toBeTruthy();
	return { cookie, slug, jobId };
}

test('an episode uploaded through A is packaged by B, its progress streamed through nginx, and played through nginx', async () => {
	test.setTimeout(60_000);
	const wav = path.join(tempDir('mitsprache-wav-'), 'ton.wav');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:duration=6', '-ar', '22050', wav]);
	const { cookie, slug, jobId } = await trainerUploadsThroughA({ displayName: 'Trainerin', xff: '192.0.2.2', title: 'Über zwei Instanzen', slugPrefix: 'zwei-instanzen', number: '78', audio: wav });
	const db = createClient({ url: sqld.url });

	// the studio's progress stream, through nginx (unbuffered): events arrive until the job is done
	const sse = await fetch(`${nginx.url}/api/podcast/jobs/${jobId}?stream=1`, { headers: { cookie } });
	expect(sse.headers.get('content-type')).toContain('text/event-stream');
	const events: { status: string; percent: number }[] = [];
	const reader = sse.body!.pipeThrough(new TextDecoderStream()).getReader();
	let buffer = '';
	while (!events.some((e) => e.status === 'done' || e.status === 'failed')) {
		const { value, done } = await reader.read();
		if (done) break;
		buffer += value;
		const parts = buffer.split('\n\n');
		buffer = parts.pop()!;
		for (const part of parts) if (part.startsWith('data: ')) events.push(JSON.parse(part.slice(6)));
	}
	await reader.cancel().catch(() => undefined);
	expect(events.at(-1)?.status).toBe('done');
	const job = await db.execute({ sql: 'select claimed_by from ingest_jobs where id = ?', args: [jobId] });
	db.close();
	expect(String(job.rows[0].claimed_by ?? '')).not.toBe('');

	expect((await postTo(a, `/studio/episodes/${slug}?/publish`, {}, { cookie })).status).toBeLessThan(400);
	// the published episode through nginx: its page, and its audio from the bucket
	const html = await (await fetch(`${nginx.url}/podcast/${slug}`)).text();
	expect(html).toContain('Über zwei Instanzen');
	const audio = /\/media\/[^"'\s]+\.(?:m3u8|mp3)/.exec(html)?.[0];
	expect(audio, 'an audio URL on the episode page').toBeTruthy();
	const res = await fetch(nginx.url + audio!);
	expect(res.status).toBe(200);
	expect(res.headers.get('content-type')).toMatch(/mpegurl|audio\/mpeg/i);
	expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
});

test('B killed with SIGKILL in the middle of packaging: nginx sends every page to A, the learner stays logged in, another instance finishes the job', async () => {
	test.setTimeout(120_000);
	// 20 minutes of tone: long enough to be caught in the middle of packaging (A packages nothing: B claims it)
	const mp3 = path.join(tempDir('mitsprache-long-'), 'lang.mp3');
	execFileSync('ffmpeg', ['-hide_banner', '-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=220:duration=1200', '-ac', '1', '-c:a', 'libmp3lame', '-b:a', '24k', mp3]);
	const { cookie, slug, jobId } = await trainerUploadsThroughA({ displayName: 'Bleibt Angemeldet', xff: '192.0.2.3', title: 'Mitten im Verpacken', slugPrefix: 'abgebrochen', number: '79', audio: mp3 });
	const db = createClient({ url: sqld.url });
	try {
		const jobRow = async () => (await db.execute({ sql: 'select status, percent, claimed_by from ingest_jobs where id = ?', args: [jobId] })).rows[0];
		let running = await jobRow();
		for (const deadline = Date.now() + 30_000; !(running.status === 'running' && Number(running.percent) > 0) && Date.now() < deadline; running = await jobRow()) await new Promise((r) => setTimeout(r, 100));
		expect(running.status, 'B is packaging the upload').toBe('running');
		const claimedByB = String(running.claimed_by);

		const exited = new Promise((r) => b.proc.once('exit', r));
		b.proc.kill('SIGKILL');
		await exited;
		// round robin would send every second request to B: nginx retries those on A (GETs only)
		for (let i = 0; i < 6; i++) {
			const res = await fetch(nginx.url + '/me', { headers: { cookie, 'accept-language': 'de' }, redirect: 'manual' });
			expect(res.status, `request ${i + 1}`).toBe(200);
			expect(await res.text()).toContain('Bleibt Angemeldet');
		}
		expect((await jobRow()).status, 'the dead worker still holds the claim').toBe('running');
		// another instance with a worker (as a restarted or a third machine would be): it takes the stale claim over
		c = await startInstance({ ...sharedEnv, INGEST_STALE_S: '5' });
		let last = await jobRow();
		for (const deadline = Date.now() + 80_000; last.status !== 'done' && last.status !== 'failed' && Date.now() < deadline; last = await jobRow()) await new Promise((r) => setTimeout(r, 250));
		expect(last.status).toBe('done');
		expect(String(last.claimed_by)).not.toBe(claimedByB);
		// the finished episode plays through nginx from the bucket
		const html = await (await fetch(`${nginx.url}/studio/episodes/${slug}`, { headers: { cookie, 'accept-language': 'de' } })).text();
		expect(html).toContain('Mitten im Verpacken');
	} finally {
		db.close();
	}
});

function upstreamsSeen(): Set<string> {
	const log = fs.readFileSync(path.join(nginx.dir, 'access.log'), 'utf8');
	return new Set(log.split('\n').map((l) => l.split(' ')[1]).filter((u) => u && u !== '-'));
}

/** The position the episode page's player starts at, as one instance's page data says. */
async function resumeAt(server: RunningServer, cookie: string): Promise<unknown> {
	const res = await fetch(server.url + '/podcast/erste-folge/__data.json', { headers: { cookie } });
	expect(res.status).toBe(200);
	const { nodes } = (await res.json()) as { nodes: ({ data?: unknown[] } | null)[] };
	for (const node of nodes) {
		const root = node?.data?.[0] as Record<string, number> | undefined;
		if (root && 'resumeAt' in root) return node!.data![root.resumeAt];
	}
	throw new Error('no resumeAt in the page data');
}
