// Packages one source audio file: loudness to -16 LUFS, HLS (AAC-LC 48 kHz, 64k mono + 128k stereo, fMP4 ~6 s),
// an MP3 (CBR, ID3 tags, cover, chapters) and waveform peaks. Everything lands in a temp folder that is renamed
// into place at the end, so a half-written package is never served.
//
// Speed: ffmpeg 5.1 decodes, filters and encodes on one thread. The analysis pass (analyse.ts: loudness, sample
// peak, the decoded 48 kHz PCM) runs as two processes on the two halves of the file; then the two heavy encodes run
// as two parallel processes of about equal cost, reading that PCM (from NUT files: 1 s packets instead of the raw
// demuxer's 1024 samples save ffmpeg a second or more per half hour and process), while the waveform peaks are
// taken from the raw copy in JS.
// The native AAC encoder's mid/side search doubles the stereo cost for no audible gain on speech, so it is off.
import fs from 'node:fs';
import path from 'node:path';
import { ffmpegFailure, ffmpegWithProgress, IMAGE_INPUT, IngestError, probe, together } from './ffmpeg';
import { buildMasterPlaylist } from './hls';
import { analyse, filteredLoudness, nutOf } from './analyse';
import { peaksFromPcmFiles } from './peaks';

export const TARGET_LUFS = -16;
const TRUE_PEAK_DB = -1.5;
export const HLS_RENDITIONS = [
	{ name: '64k', channels: 1, bitrate: '64k' },
	{ name: '128k', channels: 2, bitrate: '128k' }
] as const;
const AAC_FAST = ['-c:a', 'aac', '-aac_coder', 'fast', '-aac_ms', '0', '-ar', '48000'];

export interface PackageMeta {
	title: string;
	artist: string;
	album: string;
	date?: string;
	chapters: { start: number; title: string }[];
	coverPath?: string | null;
}

export interface PackageResult {
	durationMs: number;
	mp3Bytes: number;
	hlsBytes: number;
	inputLufs: number | null;
	peaks: number[];
	timing: { analysisMs: number; encodeMs: number };
}

function ffmetadata(meta: PackageMeta, durationMs: number): string {
	const esc = (s: string) => s.replace(/([=;#\\\n])/g, '\\$1');
	const lines = [';FFMETADATA1'];
	meta.chapters.forEach((c, i) => {
		const start = Math.round(c.start * 1000);
		const end = i + 1 < meta.chapters.length ? Math.round(meta.chapters[i + 1].start * 1000) : durationMs;
		if (end <= start) return;
		lines.push('[CHAPTER]', 'TIMEBASE=1/1000', `START=${start}`, `END=${end}`, `title=${esc(c.title)}`);
	});
	return lines.join('\n') + '\n';
}

function dirBytes(dir: string): number {
	let total = 0;
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
	}
	return total;
}

/** Checks the source before any work: exists, not empty, not over the upload limit, really audio (in an audio container). */
export async function checkSource(source: string, maxMb: number, signal?: AbortSignal) {
	let size: number;
	try {
		size = fs.statSync(source).size;
	} catch {
		throw new IngestError('missing', `the audio file ${path.basename(source)} does not exist`);
	}
	if (size === 0) throw new IngestError('empty', 'the audio file is empty (0 bytes)');
	if (size > maxMb * 1024 * 1024) throw new IngestError('too_large', `the audio file is ${(size / 1048576).toFixed(1)} MB, more than the limit of ${maxMb} MB (MAX_UPLOAD_MB)`);
	const info = await probe(source, signal);
	if (!info.audio) throw new IngestError('not_audio', `no audio stream found (format: ${info.formatName || 'unknown'})`);
	const duration = info.audio.durationS || info.durationS;
	if (!(duration > 0.1)) throw new IngestError('empty', 'the audio has no duration');
	return { size, durationS: duration, formatName: info.formatName, channels: Math.min(2, Math.max(1, info.audio.channels || 1)) };
}

export async function packageAudio(
	source: string,
	outDir: string,
	meta: PackageMeta,
	opts: { maxMb: number; onProgress?: (percent: number) => void; signal?: AbortSignal }
): Promise<PackageResult> {
	const signal = opts.signal;
	/** an encoder's failure: interrupted (the job is queued again), ffmpeg_missing or ffmpeg_failed */
	const encodeFailure = (err: unknown) => ffmpegFailure(err, 'ffmpeg_failed', (m) => m.slice(-400));
	const src = await checkSource(source, opts.maxMb, signal);
	// 100 only once everything is written
	let shown = 0; // never backwards (an analysis that has to start over in one pass)
	const report = (p: number, done = false) => opts.onProgress?.((shown = done ? 100 : Math.max(shown, Math.min(99, Math.floor(p)))));
	fs.rmSync(outDir, { recursive: true, force: true });
	fs.mkdirSync(outDir, { recursive: true });
	const work = fs.mkdtempSync(path.join(path.dirname(outDir), '.work-'));
	const started = Date.now();
	const timing = { analysisMs: 0, encodeMs: 0 };
	try {
		// Pass 1 (analyse.ts): loudness, sample peak and the decoded 48 kHz PCM, on both cores.
		const a = await analyse(source, work, src, (t) => report((t / src.durationS) * 30), signal);
		const { inputLufs, samplePeak, durationS } = a;
		const gainDb = Number.isFinite(inputLufs) && inputLufs > -70 ? Math.max(-30, Math.min(30, TARGET_LUFS - inputLufs)) : 0;
		const limiter = `alimiter=limit=${Math.pow(10, TRUE_PEAK_DB / 20).toFixed(4)}:level=false:attack=5:release=50`;
		let filter = `volume=${gainDb.toFixed(2)}dB`;
		// The limiter only runs when the gain would push peaks over the ceiling. Limiting lowers the integrated
		// loudness (by 1–2 LU on peaky speech), so the limited result is measured once and the gain corrected.
		const overshoot = Number.isFinite(samplePeak) ? samplePeak + gainDb - TRUE_PEAK_DB : 99;
		if (overshoot > 0) {
			filter += ',' + limiter;
			if (overshoot > 1 && gainDb > 0) {
				// the first 5 minutes are measured: enough to learn how much the limiter takes, at a sixth of the cost
				const sample = Math.min(durationS, 300);
				const measured = await filteredLoudness(a, work, filter, sample, (t) => report(30 + (t / sample) * 10), signal).catch((err) => {
					throw encodeFailure(err);
				});
				// more gain means more limiting, so one step overshoots the correction by half to land near the target
				if (Number.isFinite(measured)) filter = `volume=${Math.min(30, gainDb + 1.5 * (TARGET_LUFS - measured)).toFixed(2)}dB,${limiter}`;
			}
		}
		const encodeFrom = overshoot > 1 && gainDb > 0 ? 40 : 30;
		timing.analysisMs = Date.now() - started;

		const metaFile = path.join(work, 'chapters.txt');
		fs.writeFileSync(metaFile, ffmetadata(meta, Math.round(durationS * 1000)));
		const hlsArgs = (r: (typeof HLS_RENDITIONS)[number]) => {
			fs.mkdirSync(path.join(outDir, r.name), { recursive: true });
			return [
				'-ac', String(r.channels), ...AAC_FAST, '-b:a', r.bitrate, '-map_metadata', '-1', '-map_chapters', '-1',
				'-f', 'hls', '-hls_time', '6', '-hls_playlist_type', 'vod', '-hls_segment_type', 'fmp4',
				'-hls_flags', 'independent_segments', '-hls_fmp4_init_filename', 'init.mp4',
				'-hls_segment_filename', path.join(outDir, r.name, 'seg_%04d.m4s'), path.join(outDir, r.name, 'index.m3u8')
			];
		};
		// the decoded parts in NUT (1 s packets), joined by the concat filter, which keeps the timestamps continuous
		const n = a.pcm.length;
		const nutIn = a.pcm.flatMap((f) => ['-i', path.basename(nutOf(f))]);
		const joined = n === 1 ? '[0:a]' : `${a.pcm.map((_, i) => `[${i}:a]`).join('')}concat=n=${n}:v=0:a=1,`;
		const mp3 = path.join(outDir, 'episode.mp3');
		const cover = meta.coverPath && fs.existsSync(meta.coverPath) ? meta.coverPath : null;
		const tags = ['title', meta.title, 'artist', meta.artist, 'album', meta.album, 'album_artist', meta.artist, 'genre', 'Podcast', ...(meta.date ? ['date', meta.date.slice(0, 4)] : [])];
		const mp3Args = [
			...(cover ? ['-map', `${n + 1}:v:0`, '-c:v', 'copy', '-disposition:v:0', 'attached_pic', '-metadata:s:v:0', 'title=Cover', '-metadata:s:v:0', 'comment=Cover (front)'] : []),
			'-ac', String(src.channels), '-c:a', 'libmp3lame', '-b:a', src.channels === 1 ? '96k' : '128k', '-compression_level', '7', '-ar', '44100',
			// chapter titles come with the metadata of the ffmetadata input (-map_metadata -1 would drop them)
			'-map_metadata', String(n), '-map_chapters', String(n), '-id3v2_version', '3', '-write_id3v1', '0', '-write_xing', '1',
			...tags.flatMap((v, i) => (i % 2 === 0 ? ['-metadata', `${v}=${tags[i + 1]}`] : [])),
			mp3
		];
		// Pass 2: the stereo rendition in one process, mono rendition + MP3 in the other (about equal work).
		const times = [0, 0];
		const tick = (i: number) => (t: number) => {
			times[i] = t;
			report(encodeFrom + (Math.min(...times) / durationS) * (100 - encodeFrom));
		};
		const inputs = (extra: string[]) => ['-v', 'error', '-y', ...nutIn, ...extra];
		const [, , peaks] = (await together<unknown>(signal, [
			(s) => ffmpegWithProgress([...inputs([]), '-filter_complex', `${joined}${filter}[s]`, '-map', '[s]', ...hlsArgs(HLS_RENDITIONS[1])], tick(0), { cwd: work, signal: s }),
			(s) => ffmpegWithProgress(
				[
					...inputs(['-f', 'ffmetadata', '-i', metaFile, ...(cover ? [...IMAGE_INPUT, '-i', cover] : [])]),
					'-filter_complex', `${joined}${filter},asplit=2[h][m]`,
					'-map', '[h]', ...hlsArgs(HLS_RENDITIONS[0]),
					'-map', '[m]', ...mp3Args
				],
				tick(1),
				{ cwd: work, signal: s }
			),
			() => peaksFromPcmFiles(a.pcm, a.channels, 1000)
		]).catch((err) => {
			throw encodeFailure(err);
		})) as [unknown, unknown, number[]];
		fs.writeFileSync(path.join(outDir, 'master.m3u8'), buildMasterPlaylist(outDir, HLS_RENDITIONS.map((r) => r.name)));
		fs.writeFileSync(path.join(outDir, 'peaks.json'), JSON.stringify(peaks));
		const mp3Bytes = fs.statSync(mp3).size;
		report(100, true);
		timing.encodeMs = Date.now() - started - timing.analysisMs;
		return {
			timing,
			durationMs: Math.round(durationS * 1000),
			mp3Bytes,
			hlsBytes: dirBytes(outDir) - mp3Bytes,
			inputLufs: Number.isFinite(inputLufs) ? inputLufs : null,
			peaks
		};
	} catch (err) {
		fs.rmSync(outDir, { recursive: true, force: true });
		throw err;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}
