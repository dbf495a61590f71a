import type { RequestHandler } from './$types';
import { requireUser } from '$lib/server/auth/guard';
import { exportUserData } from '$lib/server/privacy';

// GET /account/export: everything stored about me, as a JSON download.
export const GET: RequestHandler = async (event) => {
	const user = requireUser(event);
	const data = await exportUserData(user.id);
	return new Response(JSON.stringify(data, null, 2), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="mitsprache-daten-${new Date().toISOString().slice(0, 10)}.json"`,
			'cache-control': 'no-store'
		}
	});
};
