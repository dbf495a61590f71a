import type { RequestHandler } from '@sveltejs/kit';
import { healthReport } from '$lib/server/health';

// Public on purpose: load balancers ask it. It says only which parts answer (database, media store), no details.
// Degraded (media store down) still answers 200: pages work, so the instance stays in the rotation.
export const GET: RequestHandler = async () => {
	const report = await healthReport();
	return new Response(JSON.stringify(report), {
		status: report.status === 'unavailable' ? 503 : 200,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});
};
