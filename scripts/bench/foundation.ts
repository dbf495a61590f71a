// Foundation: the login page next to nginx serving the same HTML, and the cost of validating a session.
import { fmtLoad, pct, type BenchFn } from './lib';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/session';

const bench: BenchFn = async (ctx) => {
	const rows = [];
	const staticUrl = await ctx.staticBaseline('/login');
	const nginx = await ctx.load({ url: staticUrl });
	const login = await ctx.load({ url: ctx.url + '/login' });
	rows.push({ name: 'static /login HTML (nginx)', value: fmtLoad(nginx) });
	rows.push({ name: '/login page (anonymous)', value: fmtLoad(login), ratio: pct(login.rps, nginx.rps) + ' of static' });

	// The same small page anonymously and with a valid session cookie: the difference is what validation costs.
	const learner = await ctx.newLearner();
	const anon = await ctx.load({ url: ctx.url + '/privacy' });
	const authed = await ctx.load({ url: ctx.url + '/privacy', headers: { cookie: learner.cookie } });
	rows.push({ name: '/privacy anonymous', value: fmtLoad(anon) });
	rows.push({ name: '/privacy with session', value: fmtLoad(authed), ratio: pct(authed.rps, anon.rps) + ' of anonymous' });
	const perRequestUs = (1e6 / authed.rps - 1e6 / anon.rps) / 1; // server time added per request, single-core view
	rows.push({ name: 'session validation, HTTP (added per request)', value: `${perRequestUs.toFixed(0)} µs` });

	// In-process: validating a token against the database, no HTTP.
	const { token } = await createSession(learner.userId, 'bench');
	const n = 2000;
	const t0 = performance.now();
	for (let i = 0; i < n; i++) await validateSessionToken(token);
	const us = ((performance.now() - t0) * 1000) / n;
	rows.push({ name: 'validateSessionToken in process', value: `${us.toFixed(0)} µs per call (${Math.round(1e6 / us)}/s)` });
	return rows;
};
export default bench;
