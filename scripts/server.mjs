// The production entry: adapter-node's server (build/index.js), plus the header it does not set on the files it
// serves itself (/_app/*, static/): X-Content-Type-Options. Pages get theirs, and all the others, in hooks.server.ts;
// hashed files under /_app/immutable/ already get a year of immutable caching from adapter-node.
// A visitor's GET of a page the course page cache holds is answered before adapter-node turns it into a Request
// (src/lib/server/courses/page-cache.ts, fastPage; registered by the server's init hook), and so is a learner's
// GET of such a page once their session and progress are checked again.
import { server } from '../build/index.js';

const http = server.server;
const sveltekit = http.listeners('request');
http.removeAllListeners('request');

function handOn(req, res) {
	// headers set here are merged into whatever adapter-node writes
	res.setHeader('X-Content-Type-Options', 'nosniff');
	for (const listener of sveltekit) listener.call(http, req, res);
}

http.on('request', (req, res) => {
	const fast = globalThis.mitspracheFastPath;
	if (!fast || req.method !== 'GET' || req.url.includes('?')) return handOn(req, res);
	fast(req.method, req.url, (name) => {
		const v = req.headers[name];
		return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
	}).then(
		(answer) => {
			if (!answer) return handOn(req, res);
			res.writeHead(answer.status, Object.fromEntries(answer.headers));
			res.end(answer.body ?? undefined);
		},
		() => handOn(req, res)
	);
});
