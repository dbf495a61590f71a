// The production entry: adapter-node's server (build/index.js), plus the header it does not set on the files it
// serves itself (/_app/*, static/): X-Content-Type-Options. Pages get theirs, and all the others, in hooks.server.ts;
// hashed files under /_app/immutable/ already get a year of immutable caching from adapter-node.
// A visitor's GET of a page the course page cache holds is answered before adapter-node turns it into a Request
// (src/lib/server/courses/page-cache.ts, fastPage; registered by the server's init hook), and so is a learner's
// GET of such a page once their session and progress are checked again, and "mark as done" (src/lib/server/http/fast-path.ts).
import nodeHttp from 'node:http';

// The queue of connections not yet accepted (adapter-node listens with Node's default, 511): 2,000 learners pressing
// "mark as done" at the same moment overflowed it, and each refused connection waited a second or more before the
// browser tried again (TcpExtListenOverflows; issue 11). The kernel caps it at net.core.somaxconn. Under systemd's
// socket activation the .socket unit's Backlog= decides.
const backlog = Number(process.env.LISTEN_BACKLOG || 4096);
const listen = nodeHttp.Server.prototype.listen;
nodeHttp.Server.prototype.listen = function (options, ...rest) {
	const opts = options && typeof options === 'object' && !('fd' in options) && options.backlog === undefined ? { ...options, backlog } : options;
	return listen.call(this, opts, ...rest);
};
const { server } = await import('../build/index.js');
nodeHttp.Server.prototype.listen = listen;

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
	const candidate = (req.method === 'GET' && !req.url.includes('?')) || (req.method === 'POST' && req.url.endsWith('?/complete'));
	if (!fast || !candidate) return handOn(req, res);
	let bodyRead = false;
	const readBody = () =>
		new Promise((resolve, reject) => {
			bodyRead = true;
			req.on('end', resolve);
			req.on('error', reject);
			req.resume();
		});
	fast(
		req.method,
		req.url,
		(name) => {
			const v = req.headers[name];
			return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
		},
		readBody
	).then(
		(answer) => {
			if (!answer) return handOn(req, res);
			// a flat [name, value, …] list: several Set-Cookie headers stay several
			const flat = [];
			for (const [name, value] of answer.headers) flat.push(name, value);
			res.writeHead(answer.status, flat);
			res.end(answer.body ?? undefined);
		},
		(err) => {
			// a fast path that failed before reading the body leaves the request whole to SvelteKit (which answers a
			// database that does not respond with its 503 page); after that, a plain 500
			if (!bodyRead) return handOn(req, res);
			console.error(JSON.stringify({ t: new Date().toISOString(), event: 'server_error', error: String(err?.message ?? err), path: req.url }));
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
			res.end('500');
		}
	);
});
