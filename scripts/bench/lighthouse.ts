// Lighthouse mobile (performance, accessibility, best practices, SEO) on the start page, a lesson and an episode of
// the demo content, against the bench server. Only with `npm run bench -- --lighthouse` (it takes about a minute).
import { allCourses, courseOutline } from '../../src/lib/server/courses/catalogue';
import { db, schema } from '../../src/lib/server/db';
import { runLighthouse } from '../../tests/lighthouse';
import type { BenchFn, BenchRow } from './lib';

const bench: BenchFn = async (ctx) => {
	if (!ctx.flags.has('--lighthouse')) return [];
	const course = (await allCourses())[0];
	const outline = course ? await courseOutline(course.slug) : null;
	const [episode] = await db().select({ slug: schema.episodes.slug }).from(schema.episodes).limit(1);
	const pages: [string, string][] = [['start page', '/']];
	if (outline?.lessons[0]) pages.push(['lesson', `/courses/${course.slug}/${outline.lessons[0].slug}`]);
	if (episode) pages.push(['episode', `/podcast/${episode.slug}`]);
	const results = await runLighthouse(pages.map(([, p]) => ctx.url + p));
	const rows: BenchRow[] = [];
	let met = true;
	const worst: string[] = [];
	results.forEach((r, i) => {
		const s = r.scores;
		const ok = (s.performance ?? 0) >= 95 && (s['best-practices'] ?? 0) >= 95 && (s.seo ?? 0) >= 95 && s.accessibility === 100;
		met &&= ok;
		worst.push(`${pages[i][0]} ${s.performance}/${s.accessibility}/${s['best-practices']}/${s.seo}`);
		rows.push({
			name: `Lighthouse mobile ${pages[i][0]} (${pages[i][1]})`,
			value: `perf ${s.performance}, a11y ${s.accessibility}, best practices ${s['best-practices']}, SEO ${s.seo}`,
			ratio: ok ? 'aim met' : `below aim: ${r.failing.map((f) => f.id).join(', ')}`
		});
	});
	rows.push({ name: 'Lighthouse summary (perf/a11y/bp/seo)', value: worst.join('; '), aim: { key: 'lighthouse', now: worst.join('; '), met } });
	return rows;
};
export default bench;
