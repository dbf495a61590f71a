// The production entry: adapter-node's server (build/index.js), plus the header it does not set on the files it
// serves itself (/_app/*, static/): X-Content-Type-Options. Pages get theirs, and all the others, in hooks.server.ts;
// hashed files under /_app/immutable/ already get a year of immutable caching from adapter-node.
import { server } from '../build/index.js';

// runs before adapter-node's handler on every request; headers set here are merged into whatever it writes
server.server.prependListener('request', (_req, res) => {
	res.setHeader('X-Content-Type-Options', 'nosniff');
});
