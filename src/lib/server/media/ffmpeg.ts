// Thin wrappers around the ffmpeg/ffprobe binaries (Debian package `ffmpeg`): availability, probing, progress.
import { spawn, spawnSync } from 'node:child_process';

let available: boolean | undefined;

/** Whether ffmpeg and ffprobe can be run; checked once per process. */
export function ffmpegAvailable(): boolean {
	if (available === undefined) {
		const bin = process.env.FFMPEG_PATH ?? 'ffmpeg';
		const probe = process.env.FFPROBE_PATH ?? 'ffprobe';
		available = [bin, probe].every((b) => {
			const r = spawnSync(b, ['-version'], { stdio: 'ignore' });
			return r.status === 0;
		});
	}
	return available;
}

export const FFMPEG_INSTALL_HINT = 'ffmpeg is missing: install it with `sudo apt-get install ffmpeg` (Debian/Ubuntu); episodes stay unpackaged until then';

export function ffmpegBin() {
	return process.env.FFMPEG_PATH ?? 'ffmpeg';
}
export function ffprobeBin() {
	return process.env.FFPROBE_PATH ?? 'ffprobe';
}

export interface ProbeResult {
	formatName: string;
	durationS: number;
	audio: { codec: string; channels: number; sampleRate: number; durationS: number } | null;
}

export class IngestError extends Error {
	constructor(
		public code: 'not_audio' | 'empty' | 'too_large' | 'truncated' | 'missing' | 'ffmpeg_missing' | 'ffmpeg_failed',
		detail: string
	) {
		super(`${code}: ${detail}`);
	}
}

export interface RunOptions {
	onStdout?: (chunk: string) => void;
	cwd?: string;
}

/** Runs a command to completion; rejects with the tail of stderr on a non-zero exit. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd });
		let stdout = '';
		let stderr = '';
		p.stdout.setEncoding('utf8');
		p.stderr.setEncoding('utf8');
		p.stdout.on('data', (d: string) => {
			if (opts.onStdout) opts.onStdout(d);
			else stdout += d;
		});
		p.stderr.on('data', (d: string) => {
			stderr = (stderr + d).slice(-64_000);
		});
		p.on('error', reject);
		p.on('close', (code) => {
			if (code === 0) resolve({ stdout, stderr });
			else reject(Object.assign(new Error(`${cmd} exited with ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`), { stderr }));
		});
	});
}

/** Probes a file; `null` audio when it has no audio stream. Throws IngestError('not_audio') when ffprobe cannot read it. */
export async function probe(file: string): Promise<ProbeResult> {
	let out: string;
	try {
		out = (await run(ffprobeBin(), ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file])).stdout;
	} catch (err) {
		const msg = ((err as { stderr?: string }).stderr ?? '').trim().split('\n').pop() ?? '';
		throw new IngestError('not_audio', `ffprobe cannot read the file (${msg || 'unknown format'})`);
	}
	const j = JSON.parse(out) as { format?: { format_name?: string; duration?: string }; streams?: Array<Record<string, string | number>> };
	const a = (j.streams ?? []).find((s) => s.codec_type === 'audio');
	return {
		formatName: j.format?.format_name ?? '',
		durationS: Number(j.format?.duration ?? 0) || 0,
		audio: a
			? { codec: String(a.codec_name), channels: Number(a.channels), sampleRate: Number(a.sample_rate), durationS: Number(a.duration ?? j.format?.duration ?? 0) || 0 }
			: null
	};
}

/**
 * Runs ffmpeg with `-progress pipe:1` and reports the output time in seconds as it advances.
 * ffmpeg's progress blocks are `key=value` lines; `out_time_us` is the position reached in the output.
 */
export function ffmpegWithProgress(args: string[], onTime: (seconds: number) => void, opts: Omit<RunOptions, 'onStdout'> = {}): Promise<{ stderr: string }> {
	let buf = '';
	return run(ffmpegBin(), ['-hide_banner', '-nostdin', '-nostats', '-progress', 'pipe:1', ...args], {
		...opts,
		onStdout: (chunk) => {
			buf += chunk;
			const lines = buf.split('\n');
			buf = lines.pop() ?? '';
			for (const line of lines) {
				if (line.startsWith('out_time_us=')) {
					const us = Number(line.slice('out_time_us='.length));
					if (Number.isFinite(us) && us > 0) onTime(us / 1e6);
				}
			}
		}
	});
}
