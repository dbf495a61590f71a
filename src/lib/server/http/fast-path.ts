// What scripts/server.mjs asks before handing a request to SvelteKit: a few hot requests are answered without the
// Request/Response objects, the hooks and the router (CPU profiles, issue 11). `null`: SvelteKit answers.
import { fastPage, type FastAnswer } from '../courses/page-cache';
import { fastComplete } from '../courses/fast-complete';

export type { FastAnswer };

export function fastPath(method: string, rawUrl: string, header: (name: string) => string | null, readBody: () => Promise<void>): Promise<FastAnswer | null> {
	if (method === 'GET') return fastPage(method, rawUrl, header);
	if (method === 'POST' && rawUrl.endsWith('?/complete')) return fastComplete(rawUrl, header, readBody);
	return Promise.resolve(null);
}
