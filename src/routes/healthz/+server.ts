import type { RequestHandler } from '@sveltejs/kit';
import { healthCheck } from '$lib/server/health';

// Public on purpose: load balancers ask it. It says only whether the database answers.
export const GET: RequestHandler = async () => {
	const ok = await healthCheck();
	return new Response(JSON.stringify({ status: ok ? 'ok' : 'unavailable' }), {
		status: ok ? 200 : 503,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
