// Ingest job status for the trainers who may edit the job's episode (and admins): JSON, or a Server-Sent Events stream with `?stream=1` (the studio's progress bar).
import type { RequestHandler } from './$types';
import { error, json } from '@sveltejs/kit';
import { requireApiUser } from '$lib/server/auth/guard';
import { getJobStatus, watchJob } from '$lib/server/media/jobs';
import { canEditEpisode } from '$lib/server/studio-episodes/ownership';

export const GET: RequestHandler = async (event) => {
	const user = requireApiUser(event);
	if (user.role !== 'trainer' && user.role !== 'admin') error(403, 'forbidden');
	const id = event.params.id;
	const s = await getJobStatus(id);
	if (!s) error(404, 'not found');
	// only those who may edit the job's episode may watch it (the same check as every studio episode route)
	if (!(await canEditEpisode(user, s.episodeId))) error(403, 'forbidden');
	if (event.url.searchParams.get('stream') !== '1') return json(s);
	const abort = new AbortController();
	event.request.signal.addEventListener('abort', () => abort.abort());
	const enc = new TextEncoder();
	const stream = new ReadableStream({
		async start(controller) {
			for await (const s of watchJob(id, 500, abort.signal)) controller.enqueue(enc.encode(`data: ${JSON.stringify(s)}\n\n`));
			controller.close();
		},
		cancel: () => abort.abort()
	});
	return new Response(stream, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
};
