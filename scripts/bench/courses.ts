// Courses: lesson page and catalogue next to nginx serving the same HTML (anonymous and logged in),
// "mark complete" at 50 concurrent learners, and the JavaScript a lesson page loads.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fmtLoad, pct, type BenchFn, type BenchRow } from './lib';
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

	for (const [name, p] of pages) {
		const nginx = await ctx.load({ url: await ctx.staticBaseline(p) });
		const anon = await ctx.load({ url: ctx.url + p });
		const learner = await ctx.newLearner();
		const authed = await ctx.load({ url: ctx.url + p, headers: { cookie: learner.cookie } });
		rows.push({ name: `static ${name} HTML (nginx)`, value: fmtLoad(nginx) });
		rows.push({ name: `${name} anonymous`, value: fmtLoad(anon), ratio: pct(anon.rps, nginx.rps) + ' of static (budget ≥ 10 %)' });
		rows.push({ name: `${name} logged in`, value: fmtLoad(authed), ratio: pct(authed.rps, nginx.rps) + ' of static (budget ≥ 5 %)' });
	}

	// 50 learners, one per connection, each marking the course's non-quiz lessons done in turn (the enhanced form POST)
	const learners = await Promise.all(Array.from({ length: 50 }, () => ctx.newLearner()));
	const targets = outline.lessons.filter((l) => !l.hasQuiz);
	// request i: learner i % 50, lesson ⌊i / 50⌋: concurrent requests come from different learners
	let next = 0;
	const result = await ctx.load({
		url: ctx.url,
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
	rows.push({ name: 'mark complete, 50 learners (HTTP)', value: `${fmtLoad(result)}; ${n} lessons completed, the rest replays` });

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
		rows.push({ name: `JS on ${name} (gzip)`, value: `${(js.bytes / 1024).toFixed(1)} KB in ${js.files} files`, ratio: 'budget ≤ 50 KB' });
	}
	return rows;
};
export default bench;
