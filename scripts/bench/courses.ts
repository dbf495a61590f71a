// Courses: lesson page and catalogue next to nginx serving the same HTML (anonymous and logged in),
// "mark complete" at 50 concurrent learners, and the JavaScript a lesson page loads.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fmtLoad, pct, type BenchFn, type BenchRow, type LoadResult } from './lib';
import { allCourses, courseOutline } from '../../src/lib/server/courses/catalogue';
import { db } from '../../src/lib/server/db';
import { sql } from 'drizzle-orm';

/** gzip size of every script a page loads (entry imports in the HTML, modulepreloads in its Link header and HTML), from build/client. */
export function pageJsGzip(html: string, linkHeader: string, clientDir = path.resolve('build/client')): { bytes: number; files: number } {
	const refs = new Set<string>();
	for (const m of html.matchAll(/(?:href=|import\()"([^"]+\.js)"/g)) refs.add(m[1]);
	for (const m of linkHeader.matchAll(/<([^>]+\.js)>;\s*rel="modulepreload"/g)) refs.add(m[1]);
	let bytes = 0;
	for (const ref of refs) {
		const file = path.join(clientDir, ref.slice(ref.indexOf('_app/')));
		if (fs.existsSync(file)) bytes += zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
	}
	return { bytes, files: refs.size };
}

const bench: BenchFn = async (ctx) => {
	const rows: BenchRow[] = [];
	const course = (await allCourses())[0];
	if (!course) return [{ name: 'no course imported', value: `CONTENT_DIR ${ctx.contentDir} has no courses` }];
	const outline = (await courseOutline(course.slug))!;
	const lesson = outline.lessons.find((l) => !l.hasQuiz) ?? outline.lessons[0];
	const pages = [
		['lesson page', `/courses/${course.slug}/${lesson.slug}`],
		['catalogue', '/courses']
	] as const;

	// req/s side by side, and (robust when other work shares the machine) the CPU time each server spends per request:
	// "at equal CPU" is the share of nginx's throughput the app would reach with the same processor time
	const sp = ctx.server.proc.pid!;
	const share = (app: LoadResult, ng: LoadResult) => `${pct(app.rps, ng.rps)} (req/s), ${app.cpuUs && ng.cpuUs ? pct(ng.cpuUs, app.cpuUs) : 'n/a'} at equal CPU`;
	for (const [name, p] of pages) {
		const nginx = await ctx.load({ url: await ctx.staticBaseline(p), cpuPid: ctx.nginxPid });
		const anon = await ctx.load({ url: ctx.url + p, cpuPid: sp });
		const learner = await ctx.newLearner();
		const authed = await ctx.load({ url: ctx.url + p, headers: { cookie: learner.cookie }, cpuPid: sp });
		rows.push({ name: `static ${name} HTML (nginx)`, value: fmtLoad(nginx) });
		const lessonPage = name === 'lesson page';
		const ok = (r: LoadResult, min: number) => r.errors + r.non2xx === 0 && r.rps >= min * nginx.rps;
		rows.push({
			name: `${name} anonymous`,
			value: fmtLoad(anon),
			ratio: share(anon, nginx) + ' of static',
			...(lessonPage && { aim: { key: 'lessonAnon' as const, now: share(anon, nginx), met: ok(anon, 0.25) } })
		});
		rows.push({
			name: `${name} logged in`,
			value: fmtLoad(authed),
			ratio: share(authed, nginx) + ' of static',
			...(lessonPage && { aim: { key: 'lessonAuthed' as const, now: share(authed, nginx), met: ok(authed, 0.1) } })
		});
	}

	// 50 learners, one per connection, each marking the course's non-quiz lessons done in turn (the enhanced form POST)
	const learners = await Promise.all(Array.from({ length: 50 }, () => ctx.newLearner()));
	const targets = outline.lessons.filter((l) => !l.hasQuiz);
	// request i: learner i % 50, lesson ⌊i / 50⌋: concurrent requests come from different learners
	let next = 0;
	const result = await ctx.load({
		url: ctx.url,
		cpuPid: sp,
		connections: 50,
		requests: [
			{
				method: 'POST',
				setupRequest: (req) => {
					const i = next++;
					const learner = learners[i % learners.length];
					const l = targets[Math.floor(i / learners.length) % targets.length];
					return {
						...req,
						path: `/courses/${course.slug}/${l.slug}?/complete`,
						headers: {
							cookie: learner.cookie,
							origin: ctx.url,
							accept: 'application/json',
							'x-sveltekit-action': 'true',
							'content-type': 'application/x-www-form-urlencoded'
						},
						body: ''
					};
				}
			}
		]
	});
	const ids = learners.map((l) => `'${l.userId}'`).join(',');
	const [{ n }] = await db().all<{ n: number }>(sql.raw(`select count(*) as n from lesson_progress where completed_at is not null and user_id in (${ids})`));
	rows.push({
		name: 'mark complete, 50 learners (HTTP)',
		value: `${fmtLoad(result)}; ${n} lessons completed, the rest replays`,
		aim: { key: 'complete', now: `${Math.round(result.rps)}/s, p99 ${result.p99} ms, ${result.errors + result.non2xx} errors`, met: result.rps >= 2000 && result.p99 < 100 && result.errors + result.non2xx === 0 }
	});

	// last: it may leave the server strained; the rows measured so far stay when it fails
	const burstRows = async () => {
		// 2,000 learners press "mark complete" at the same moment, one connection each: every press is a real write
		// (enrolment, progress, course check). Each must be acknowledged and stored; nothing may time out.
		// the same burst against nginx serving a static page: what the load generator and the machine's TCP stack take
		// by themselves (2,000 connections opened at once from one autocannon process)
		const floor = await ctx.load({ url: await ctx.staticBaseline(pages[0][1]), cpuPid: ctx.nginxPid, connections: 2000, amount: 2000, timeout: 60 });
		rows.push({ name: '2,000 connections at once against nginx (static lesson HTML): the load generator\'s floor', value: fmtLoad(floor) + `, max ${floor.max} ms` });
		const crowd = await ctx.newLearners(2000);
		const first = targets[0];
		let k = 0;
		const burst = await ctx.load({
			url: ctx.url,
			cpuPid: sp,
			connections: crowd.length,
			amount: crowd.length,
			timeout: 60,
			requests: [
				{
					method: 'POST',
					setupRequest: (req) => ({
						...req,
						path: `/courses/${course.slug}/${first.slug}?/complete`,
						headers: { cookie: crowd[k++ % crowd.length].cookie, origin: ctx.url, accept: 'application/json', 'x-sveltekit-action': 'true', 'content-type': 'application/x-www-form-urlencoded' },
						body: ''
					})
				}
			]
		});
		const crowdIds = crowd.map((l) => `'${l.userId}'`).join(',');
		const [{ stored }] = await db().all<{ stored: number }>(sql.raw(`select count(*) as stored from lesson_progress where lesson_id = '${first.id}' and completed_at is not null and user_id in (${crowdIds})`));
		const acknowledged = burst.ok;
		rows.push({
			name: '2,000 concurrent progress writes (mark complete, one connection each)',
			value: `${acknowledged} acknowledged, ${burst.timeouts} timeouts, ${burst.non2xx} non-2xx; p50 ${burst.p50} ms, p99 ${burst.p99} ms, max ${burst.max} ms; ${stored} stored; ${Math.round(burst.cpuUs ?? 0)} µs CPU/req`,
			aim: {
				key: 'burst',
				// lost: acknowledged but not stored (a request that timed out may still have been stored)
				now: `${acknowledged} of 2,000 acknowledged, p99 ${(burst.p99 / 1000).toFixed(2)} s, ${burst.timeouts} timeouts, ${Math.max(0, acknowledged - Number(stored))} lost`,
				met: acknowledged === crowd.length && burst.p99 < 2000 && Number(stored) === crowd.length
			}
		});
	};
	// a plain lesson, a lesson with a quiz and one that embeds an episode (its player loads on the first press of play)
	const quiz = outline.lessons.find((l) => l.hasQuiz);
	const jsPages: [string, string][] = [['a lesson page', pages[0][1]]];
	if (quiz) jsPages.push(['a lesson page with a quiz', `/courses/${course.slug}/${quiz.slug}`]);
	const [withEpisode] = await db().all<{ course: string; lesson: string }>(
		sql.raw(`select c.slug as course, l.slug as lesson from lessons l join courses c on c.id = l.course_id where l.episode is not null and l.archived_at is null limit 1`)
	);
	if (withEpisode) jsPages.push(['a lesson page embedding an episode, before play', `/courses/${withEpisode.course}/${withEpisode.lesson}`]);
	for (const [name, p] of jsPages) {
		const res = await fetch(ctx.url + p);
		const js = pageJsGzip(await res.text(), res.headers.get('link') ?? '');
		const kb = `${(js.bytes / 1024).toFixed(1)} KB`;
		rows.push({ name: `JS on ${name} (gzip)`, value: `${kb} in ${js.files} files`, ratio: 'aim ≤ 30 KB', ...(p === pages[0][1] && { aim: { key: 'jsLesson' as const, now: kb, met: js.bytes <= 30 * 1024 } }) });
	}
	try {
		await burstRows();
	} catch (err) {
		rows.push({ name: '2,000 concurrent progress writes: FAILED', value: String((err as Error).message ?? err) + ' ' + String((err as Error & { cause?: unknown }).cause ?? '') });
	}
	return rows;
};
export default bench;
