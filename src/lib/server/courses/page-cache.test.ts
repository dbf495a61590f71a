import { describe, expect, it, beforeAll } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { coursePageCache } from './page-cache';
import { importCourses } from './import';
import { courseOutline, type CourseOutline } from './catalogue';
import { completeLesson } from './progress';
import { copyFixture, FIXTURE_COURSE, learner } from './test-helpers';

let course: CourseOutline;
beforeAll(async () => {
	await importCourses(copyFixture());
	course = (await courseOutline(FIXTURE_COURSE))!;
});

type U = { id: string; displayName: string; role: string } | null;
function event(path: string, user: U): RequestEvent {
	return {
		request: new Request('http://x' + path),
		url: new URL('http://x' + path),
		locals: { user, locale: 'de', session: null },
		cookies: { get: () => undefined, serialize: () => '' },
		isDataRequest: false
	} as unknown as RequestEvent;
}

/** A stand-in for SvelteKit's render: the page shows the user's name in layout data, a nonce, and a counter. */
function renderer() {
	let renders = 0;
	const resolve = async (e: RequestEvent) => {
		renders++;
		const nonce = `n${renders}xyz`;
		const u = e.locals.user;
		const data = u ? `user:{displayName:${JSON.stringify(u.displayName)},role:"${u.role}"}` : 'user:null';
		return new Response(`<script nonce="${nonce}">const d={${data}};</script><p>render ${renders}</p>`, {
			headers: { 'content-type': 'text/html', 'content-security-policy': `script-src 'nonce-${nonce}'` }
		});
	};
	return { resolve: resolve as unknown as Parameters<typeof coursePageCache>[0]['resolve'], count: () => renders };
}

describe('course page cache', () => {
	it('renders an anonymous page once and gives every response its own nonce', async () => {
		const r = renderer();
		const path = `/courses/${FIXTURE_COURSE}`;
		const a = await coursePageCache({ event: event(path, null), resolve: r.resolve });
		const b = await coursePageCache({ event: event(path, null), resolve: r.resolve });
		const c = await coursePageCache({ event: event(path, null), resolve: r.resolve });
		expect(r.count()).toBe(1);
		const [tb, tc] = [await b.text(), await c.text()];
		expect(tb).toContain('render 1');
		const nb = /'nonce-([^']+)'/.exec(b.headers.get('content-security-policy')!)![1];
		const nc = /'nonce-([^']+)'/.exec(c.headers.get('content-security-policy')!)![1];
		expect(nb).not.toBe(nc);
		expect(tb).toContain(`nonce="${nb}"`);
		expect(tc).toContain(`nonce="${nc}"`);
		expect(await a.text()).toContain('render 1');
	});

	it('shares a learner page between learners in the same state, each with their own (escaped) name', async () => {
		const r = renderer();
		const lesson = course.lessons.find((l) => !l.hasQuiz)!;
		const path = `/courses/${FIXTURE_COURSE}/${lesson.slug}`;
		const [a, b] = [await learner('Ana'), await learner('</script><script>alert(1)</script>')];
		await coursePageCache({ event: event(path, { id: a.id, displayName: 'Ana', role: 'learner' }), resolve: r.resolve });
		const res = await coursePageCache({ event: event(path, { id: b.id, displayName: b.displayName, role: 'learner' }), resolve: r.resolve });
		expect(r.count()).toBe(1);
		const html = await res.text();
		expect(html).not.toContain('Ana');
		expect(html).not.toContain('</script><script>');
		expect(html).toContain('\\u003C\\u002Fscript\\u003E');
		// a learner whose state differs (lesson done) gets their own render, and so does another role
		await completeLesson(a.id, lesson.id, 'manual');
		await coursePageCache({ event: event(path, { id: a.id, displayName: 'Ana', role: 'learner' }), resolve: r.resolve });
		expect(r.count()).toBe(2);
		await coursePageCache({ event: event(path, { id: b.id, displayName: 'B', role: 'trainer' }), resolve: r.resolve });
		expect(r.count()).toBe(3);
	});

	it('does not keep a page whose learner state changed while it rendered', async () => {
		const r = renderer();
		const lesson = course.lessons.filter((l) => !l.hasQuiz)[1];
		const path = `/courses/${FIXTURE_COURSE}/${lesson.slug}`;
		const u = await learner('Racy');
		const racing = (async (e: RequestEvent) => {
			await completeLesson(u.id, lesson.id, 'manual');
			return (r.resolve as unknown as (e: RequestEvent) => Promise<Response>)(e);
		}) as unknown as typeof r.resolve;
		await coursePageCache({ event: event(path, { id: u.id, displayName: 'Racy', role: 'learner' }), resolve: racing });
		const other = await learner('Other');
		await coursePageCache({ event: event(path, { id: other.id, displayName: 'Other', role: 'learner' }), resolve: r.resolve });
		expect(r.count()).toBe(2);
	});
});
