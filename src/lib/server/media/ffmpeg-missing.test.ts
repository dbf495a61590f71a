// Without ffmpeg the worker does not start, the log says how to install it, and jobs stay queued.
import { expect, it } from 'vitest';

it('logs the install hint and does not run jobs when ffmpeg is missing', async () => {
	process.env.FFMPEG_PATH = '/nonexistent/ffmpeg';
	const { startWorker } = await import('./jobs');
	const lines: string[] = [];
	const write = process.stdout.write.bind(process.stdout);
	const level = process.env.LOG_LEVEL;
	process.env.LOG_LEVEL = 'info';
	process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
	try {
		const w = startWorker();
		await w.stop();
	} finally {
		process.stdout.write = write;
		process.env.LOG_LEVEL = level;
	}
	expect(lines.join('')).toContain('"event":"ffmpeg_missing"');
	expect(lines.join('')).toContain('apt-get install ffmpeg');
});
