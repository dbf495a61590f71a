// Issue 8, item 2: request bodies without Content-Length (chunked) are counted while they are read. 50 MB sent to a
// form action, to the JSON endpoints, to the anonymous play counter and to the course zip form: 413 as soon as the
// limit is passed, the connection closed, and the server's memory (peak RSS) grows by far less than what was sent.
// The audio uploads keep streaming bodies past 1 MB. Own server: nothing else runs in it while memory is measured.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDb, schema } from '../../src/lib/server/db';
import { startServer, type RunningServer } from '../server';

test.describe.configure({ mode: 'serial' });

const MB = 1024 * 1024;
let server: RunningServer;
let cookie = '';
const admin = { email: `limits-${Date.now()}@example.org`, password: 'ein langes Passwort' };

interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	sent: number;
}

/** POSTs `total` bytes with Transfer-Encoding: chunked (no Content-Length), stopping once the answer is in. */
function sendChunked(path: string, headers: Record<string, string>, total: number): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(server.url + path, { method: 'POST', headers: { origin: server.url, cookie, ...headers, 'transfer-encoding': 'chunked' } });
		let sent = 0;
		let answered = false;
		req.on('response', (res) => {
			answered = true;
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (body += d));
			const done = () => resolve({ status: res.statusCode!, headers: res.headers, body, sent });
			res.on('end', done);
			res.on('close', done);
		});
		// once the server has answered and closed, writing on fails: expected
		req.on('error', (err) => (answered ? undefined : reject(new Error(`${path}: ${err.message} after ${sent} bytes`))));
		const piece = Buffer.alloc(64 * 1024, headers['content-type']?.includes('json') ? ' ' : 'a');
		const pump = () => {
			while (!answered && sent < total) {
				sent += piece.length;
				if (!req.write(piece)) return void req.once('drain', pump);
			}
			if (!answered) req.end();
		};
		pump();
	});
}

function rss(field: 'VmRSS' | 'VmHWM'): number {
	const status = fs.readFileSync(`/proc/${server.proc.pid}/status`, 'utf8');
	return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]) * 1024;
}

test.beforeAll(async () => {
	// a server of its own: starting it on a busy machine can take a while
	test.setTimeout(180_000);
	server = await startServer({ env: { CONTENT_DIR: path.resolve('tests/fixtures/content'), INGEST_WORKER: '0' } });
	// an admin (may edit every course and episode), registered over HTTP and promoted in the server's database
	const reg = await fetch(server.url + '/register', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams({ ...admin, displayName: 'Grenze', locale: 'de', consent: 'on' }),
		redirect: 'manual'
	});
	cookie = reg.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0];
	const h = openDb(server.env.DATABASE_URL);
	await h.db.update(schema.users).set({ role: 'admin' }).where(eq(schema.users.emailKey, admin.email));
	h.client.close();
});

test.afterAll(async () => {
	await server?.stop();
});

test('50 MB chunked to forms, JSON endpoints and the anonymous play counter: 413 at once, memory barely moves', async () => {
	test.setTimeout(180_000);
	const h = openDb(server.env.DATABASE_URL);
	const course = (await h.db.select().from(schema.courses).limit(1))[0];
	const lesson = (await h.db.select().from(schema.lessons).where(eq(schema.lessons.courseId, course.id)).limit(1))[0];
	h.client.close();
	const lessonApi = `/api/studio/courses/${course.slug}/lessons/${lesson.slug}`;
	const form = { 'content-type': 'application/x-www-form-urlencoded' };
	const json = { 'content-type': 'application/json' };
	const targets: [string, Record<string, string>, number][] = [
		['/login', form, MB],
		['/register', { ...form, accept: 'application/json', 'x-sveltekit-action': 'true' }, MB],
		['/account?/profile', form, MB],
		['/language', form, MB],
		['/api/listening', json, MB],
		['/api/listening/merge', json, MB],
		[`${lessonApi}/draft`, json, MB],
		[`${lessonApi}/preview`, json, MB],
		['/studio/courses/upload', { 'content-type': 'multipart/form-data; boundary=x' }, 5 * MB + 64 * 1024]
	];

	const before = rss('VmRSS');
	// reset the peak so that VmHWM measures this test alone (Linux: clear_refs 5)
	fs.writeFileSync(`/proc/${server.proc.pid}/clear_refs`, '5');
	for (const [path, headers, limit] of targets) {
		const answer = await sendChunked(path, headers, 50 * MB);
		expect(answer.status, path).toBe(413);
		expect(answer.headers.connection, path).toBe('close');
		expect(answer.body, path).toContain('zu groß');
		// the server answered long before the 50 MB were through (the client stops sending when the answer comes)
		expect(answer.sent, path).toBeLessThan(limit + 16 * MB);
	}
	// the anonymous play counter, without a session
	cookie = '';
	const play = await sendChunked('/api/podcast/play', json, 50 * MB);
	expect(play.status).toBe(413);
	expect(play.sent).toBeLessThan(MB + 16 * MB);

	const grew = rss('VmHWM') - before;
	console.log(`server peak RSS grew by ${(grew / MB).toFixed(1)} MB while 10 × 50 MB were offered`);
	expect(grew).toBeLessThan(50 * MB);

	// the server is fine afterwards
	expect((await fetch(server.url + '/healthz')).status).toBe(200);
});

test('a chunked body under the limit is read as before', async () => {
	cookie = '';
	const body = new URLSearchParams({ email: 'niemand@example.org', password: 'x'.repeat(100), pad: 'p'.repeat(900 * 1024) }).toString();
	const answer = await new Promise<Answer>((resolve, reject) => {
		const req = http.request(server.url + '/login', { method: 'POST', headers: { origin: server.url, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', 'accept-language': 'de' } });
		req.on('response', (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, sent: body.length }));
		});
		req.on('error', reject);
		for (let i = 0; i < body.length; i += 16 * 1024) req.write(body.slice(i, i + 16 * 1024));
		req.end();
	});
	// the login form answered: wrong credentials, not "too large"
	expect(answer.status).toBe(400);
	expect(answer.body).toContain('stimmen nicht');
});

test('the audio uploads still stream bodies far past 1 MB', async () => {
	test.setTimeout(120_000);
	const h = openDb(server.env.DATABASE_URL);
	const episode = (await h.db.select().from(schema.episodes).limit(1))[0];
	h.client.close();
	const session = await fetch(server.url + '/login', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
		body: new URLSearchParams(admin),
		redirect: 'manual'
	});
	cookie = session.headers.getSetCookie().find((c) => c.startsWith('session='))!.split(';')[0];
	// 8 MB of noise: read to the end and refused as "not audio" (400), never as too large (413)
	const raw = await sendChunked(`/studio/episodes/${episode.slug}/upload`, { 'content-type': 'application/octet-stream' }, 8 * MB);
	expect(raw.status).toBe(400);
	expect(raw.sent).toBe(8 * MB);
	const boundary = 'grenze';
	const multipart = await new Promise<Answer>((resolve, reject) => {
		const req = http.request(`${server.url}/studio/episodes/${episode.slug}?/upload`, {
			method: 'POST',
			headers: { origin: server.url, cookie, accept: 'text/html', 'content-type': `multipart/form-data; boundary=${boundary}`, 'transfer-encoding': 'chunked' }
		});
		req.on('response', (res) => {
			let text = '';
			res.on('data', (d) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text, sent: 0 }));
		});
		req.on('error', reject);
		req.write(`--${boundary}\r\nContent-Disposition: form-data; name="audio"; filename="rauschen.mp3"\r\nContent-Type: audio/mpeg\r\n\r\n`);
		for (let i = 0; i < 128; i++) req.write(Buffer.alloc(64 * 1024, 7));
		req.end(`\r\n--${boundary}--\r\n`);
	});
	expect(multipart.status).toBe(400);
	expect(multipart.body).not.toContain('zu groß');
});
