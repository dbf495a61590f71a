// The build files a stored page needs: named in its HTML, and their static imports transitively; never the
// dynamic imports (which would reach the whole site).
import { describe, expect, it } from 'vitest';
import { BUILD_REF, crawlBuild } from './crawl';

describe('crawlBuild', () => {
	it('follows static imports (minified or not), each file once, and leaves dynamic imports alone', async () => {
		const files: Record<string, string> = {
			'/_app/immutable/entry/start.A.js': 'import{a}from"../chunks/B.js";import"../chunks/C.js";export{a}',
			'/_app/immutable/chunks/B.js': 'import { c } from "./C.js"; const lazy = () => import("../nodes/9.js");',
			'/_app/immutable/chunks/C.js': 'export const c = 1;',
			'/_app/immutable/assets/0.X.css': 'body{}'
		};
		const html = '<link href="/_app/immutable/assets/0.X.css" rel="stylesheet"><script>import("/_app/immutable/entry/start.A.js")</script>';
		const fetched: string[] = [];
		await crawlBuild(html.match(BUILD_REF) ?? [], async (p) => (fetched.push(p), files[p] ?? null));
		expect(fetched.sort()).toEqual(['/_app/immutable/assets/0.X.css', '/_app/immutable/chunks/B.js', '/_app/immutable/chunks/C.js', '/_app/immutable/entry/start.A.js']);
	});
});
