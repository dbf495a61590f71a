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

/**
 * The demuxers an uploaded or imported file may be opened with: real audio containers, none of which follows a
 * reference to another file or address. Playlists (hls), concat lists, SDP and the like are refused by ffmpeg itself
 * ("Format not on whitelist"), whatever the file is called. A demuxer matches when one of its names is listed:
 * `mov` is mov/mp4/m4a, `webm` is the matroska demuxer, `ogg` carries Opus and Vorbis.
 */
export const AUDIO_FORMATS = ['mp3', 'wav', 'flac', 'ogg', 'mov', 'aac', 'webm', 'aiff'];
/**
 * Whether a file's first bytes are the signature of one of the AUDIO_FORMATS containers (a cheap look, no process):
 * the import checks only the files that fail it with ffprobe, so that a large content folder does not start one
 * ffprobe per episode. Playlists, concat lists and SDP are text and never match; the job's ffprobe and ffmpeg, with
 * the whitelists, decide in the end.
 */
export function looksLikeAudioContainer(head: Uint8Array): boolean {
	const ascii = (from: number, text: string) => text.split('').every((c, i) => head[from + i] === c.charCodeAt(0));
	return (
		ascii(0, 'ID3') || // MP3 (or AAC) with an ID3v2 tag
		(head[0] === 0xff && (head[1] & 0xe0) === 0xe0) || // an MPEG audio frame or an ADTS (AAC) header
		((ascii(0, 'RIFF') || ascii(0, 'RF64')) && ascii(8, 'WAVE')) ||
		ascii(0, 'fLaC') ||
		ascii(0, 'OggS') ||
		['ftyp', 'moov', 'mdat', 'free', 'wide', 'skip'].some((box) => ascii(4, box)) || // MP4, M4A, MOV
		(head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) || // Matroska, WebM
		(ascii(0, 'FORM') && (ascii(8, 'AIFF') || ascii(8, 'AIFC')))
	);
}

/** Input options for a file from outside (upload, content folder): local file only, audio containers only. */
export const SOURCE_INPUT = ['-protocol_whitelist', 'file', '-format_whitelist', AUDIO_FORMATS.join(',')];
/** The same for a stored cover image (PNG or JPEG, checked by its bytes when it was stored). */
export const IMAGE_INPUT = ['-protocol_whitelist', 'file', '-format_whitelist', 'png_pipe,jpeg_pipe,image2'];

export type IngestCode = 'not_audio' | 'empty' | 'too_large' | 'truncated' | 'missing' | 'ffmpeg_missing' | 'ffmpeg_failed' | 'interrupted';

export class IngestError extends Error {
	constructor(
		public code: IngestCode,
		detail: string
	) {
		super(`${code}: ${detail}`);
	}
}

/** An ffmpeg run that failed: `interrupted` when it was stopped from outside (a signal, our abort), not by its input. */
export interface RunFailure extends Error {
	stderr: string;
	interrupted: boolean;
	/** the binary could not be started (ENOENT) */
	missingBinary: boolean;
}

/**
 * ffmpeg catches SIGTERM/SIGINT, finishes its output and exits with 255, logging this only at `-v info` (our calls
 * run at `-v error`, so the exit code is what tells; its errors exit with 1).
 */
const SIGNAL_EXIT = /received signal \d+/;
const SIGNAL_EXIT_CODE = 255;

export function isInterrupted(err: unknown): boolean {
	return !!(err as Partial<RunFailure> | null)?.interrupted;
}

/**
 * The IngestError for a failed ffmpeg run: `interrupted` (a signal, a shutdown: the job is queued again) and
 * `ffmpeg_missing` say nothing about the file; anything else is `otherwise` (a decode or an encode failure).
 */
export function ffmpegFailure(err: unknown, otherwise: IngestCode, detail: (message: string) => string): IngestError {
	const f = err as Partial<RunFailure>;
	const message = String(f?.message ?? err);
	if (f?.missingBinary) return new IngestError('ffmpeg_missing', `${ffmpegBin()} cannot be started: ${FFMPEG_INSTALL_HINT}`);
	if (f?.interrupted) return new IngestError('interrupted', message.slice(-300));
	return new IngestError(otherwise, detail(message));
}

export interface RunOptions {
	onStdout?: (chunk: string) => void;
	cwd?: string;
	/** aborting kills the process (SIGKILL); the promise rejects, as interrupted, once it is gone */
	signal?: AbortSignal;
}

/** Runs a command to completion; rejects with the tail of stderr on a non-zero exit (a RunFailure). */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const fail = (message: string, stderr: string, interrupted: boolean, missingBinary = false) =>
			reject(Object.assign(new Error(message), { stderr, interrupted, missingBinary }) as RunFailure);
		if (opts.signal?.aborted) return fail(`${cmd} was not started: aborted`, '', true);
		const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: opts.cwd });
		// killed at once; the promise settles on 'close', when the process is gone and writes nothing more
		const abort = () => p.kill('SIGKILL');
		opts.signal?.addEventListener('abort', abort, { once: true });
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
		let started = true;
		p.on('error', (err: NodeJS.ErrnoException) => {
			if (err.code !== 'ENOENT' && err.code !== 'EACCES') return;
			// never started: no 'close' with an exit code follows that could be trusted
			started = false;
			opts.signal?.removeEventListener('abort', abort);
			fail(`${cmd} cannot be started: ${err.message}`, '', false, true);
		});
		p.on('close', (code, signal) => {
			opts.signal?.removeEventListener('abort', abort);
			if (!started) return;
			if (code === 0) return resolve({ stdout, stderr });
			const tail = stderr.trim().split('\n').slice(-3).join(' | ');
			fail(`${cmd} ${signal ? `was killed by ${signal}` : `exited with ${code}`}: ${tail}`, stderr, !!signal || !!opts.signal?.aborted || code === SIGNAL_EXIT_CODE || SIGNAL_EXIT.test(stderr));
		});
	});
}

/**
 * Runs tasks (ffmpeg processes) side by side. When one fails, the others are stopped; either way it settles only once
 * every process is gone, so that nothing writes into a work folder after it was removed. Rejects with the first
 * failure (not the interruptions it caused).
 */
export async function together<T>(signal: AbortSignal | undefined, tasks: ((signal: AbortSignal) => Promise<T>)[]): Promise<T[]> {
	const stop = new AbortController();
	const onAbort = () => stop.abort();
	signal?.addEventListener('abort', onAbort, { once: true });
	if (signal?.aborted) stop.abort();
	let first: { err: unknown } | null = null;
	try {
		const settled = await Promise.allSettled(
			tasks.map((task) =>
				task(stop.signal).catch((err) => {
					first ??= { err };
					stop.abort();
					throw err;
				})
			)
		);
		if (first) throw (first as { err: unknown }).err;
		return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
}

/**
 * Probes a file from outside; `null` audio when it has no audio stream. Only local files in an audio container are
 * read (SOURCE_INPUT). Throws IngestError('not_audio') when ffprobe cannot read it, 'ffmpeg_missing' when ffprobe
 * cannot be started, 'interrupted' when it was stopped.
 */
export async function probe(file: string, signal?: AbortSignal): Promise<ProbeResult> {
	let out: string;
	try {
		out = (await run(ffprobeBin(), ['-v', 'error', ...SOURCE_INPUT, '-print_format', 'json', '-show_format', '-show_streams', file], { signal })).stdout;
	} catch (err) {
		const f = err as RunFailure;
		if (f.missingBinary) throw new IngestError('ffmpeg_missing', `${ffprobeBin()} cannot be started: ${FFMPEG_INSTALL_HINT}`);
		if (f.interrupted) throw new IngestError('interrupted', 'ffprobe was stopped');
		const msg = (f.stderr ?? '').trim().split('\n').pop() ?? '';
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
