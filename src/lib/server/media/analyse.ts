// The analysis pass of an ingest: decodes the source once to 48 kHz 16-bit PCM, measures its integrated loudness
// and sample peak, and notices truncated or damaged files. The PCM is written twice: raw (for the waveform peaks and
// the join check, read in JS) and in NUT with 1 s packets (the encoders' input).
//
// Speed: ffmpeg 5.1 decodes and filters on one thread, so files of 20 s and more are analysed as two halves by two
// parallel processes. The second half starts decoding 1 s early and throws that second away, so its decoder (and
// resampler) have settled and the joined PCM is the same, sample for sample, as one pass would give; its loudness
// meter starts 0.3 s early, so the two halves log exactly the 400 ms blocks one pass would (see loudness.ts). The
// join is checked on 0.2 s decoded by both; when the halves do not line up (a container whose seeking is not
// sample-exact) the file is analysed again in one pass.
import fs from 'node:fs';
import path from 'node:path';
import { ffmpegFailure, ffmpegWithProgress, IngestError, SOURCE_INPUT, together } from './ffmpeg';
import { EBUR128_BLOCKS, integratedLoudness, parseBlocks } from './loudness';

const RATE = 48_000;
const BLOCK = RATE / 10; // ebur128 logs a block every 100 ms
/** Containers whose seeking is sample-exact in ffmpeg (granule positions, frame headers or sample tables). */
const EXACT_SEEK = /^(ogg|flac|wav|aiff|mov,mp4,m4a,3gp,3g2,mj2)$/;

/** The NUT copy of a PCM part (the same samples in 1 s packets, for the encoders). */
export const nutOf = (pcm: string) => pcm.replace(/\.pcm$/, '.nut');

export interface Analysis {
	/** PCM parts, in order, to be read one after the other (48 kHz s16le, `channels` interleaved) */
	pcm: string[];
	channels: number;
	durationS: number;
	inputLufs: number;
	samplePeak: number;
}

interface Part {
	blocks: number[];
	peak: number;
	notes: string[];
}

function part(
	source: string,
	out: string,
	channels: number,
	range: { from?: number; to?: number } | null,
	onTime: (t: number) => void,
	overlap?: string,
	signal?: AbortSignal
): Promise<Part> {
	const p: Part = { blocks: [], peak: -Infinity, notes: [] };
	const input: string[] = [];
	// 1 s frames from here on: ffmpeg's cost per frame is noticeable with the decoders' 20 ms frames
	let chain = `[0:a:0]aresample=48000,asetnsamples=n=${RATE}:p=0`;
	let outs = ['[m]', '[i]'];
	let pcmChain = '[i]';
	if (range?.to !== undefined) {
		// decode a little further so the resampler's tail is not in the cut; end the cut exactly at the block
		input.push('-t', String(range.to / RATE + 0.5));
		chain += `,atrim=end_sample=${range.to}`;
	}
	if (range?.from !== undefined) {
		input.push('-ss', String(range.from / RATE - 1));
		chain += `,atrim=start_sample=${RATE - 3 * BLOCK}`;
		// atrim counts samples from the start of its own input, which begins 0.3 s before the join
		pcmChain = `[i]atrim=start_sample=${3 * BLOCK}`;
		if (overlap) {
			outs = ['[m]', '[i]', '[o]'];
			pcmChain = `[o]atrim=start_sample=${BLOCK}:end_sample=${3 * BLOCK}[oo];${pcmChain}`;
		}
	}
	// relative names: the process runs in the work folder, so no path needs escaping inside the filter graph
	const blocksFile = path.basename(out) + '.blocks';
	const graph = `${chain},asplit=${outs.length}${outs.join('')};[m]${EBUR128_BLOCKS(blocksFile)}[mo];${pcmChain}${pcmChain === '[i]' ? '' : ','}asplit=2[raw][nut]`;
	const pcmOut = (label: string, format: string, file: string) => ['-map', label, '-ac', String(channels), '-c:a', 'pcm_s16le', '-f', format, file];
	return ffmpegWithProgress(
		[
			'-v', 'info', '-y', ...input, ...SOURCE_INPUT, '-i', source, '-vn', '-sn', '-dn', '-filter_complex', graph,
			'-map', '[mo]', '-f', 'null', '-',
			...pcmOut('[raw]', 's16le', out),
			// the encoders read this copy: NUT keeps the 1 s packets, raw PCM would come back in 1024-sample ones
			...pcmOut('[nut]', 'nut', nutOf(out)),
			...(overlap && range?.from !== undefined ? pcmOut('[oo]', 's16le', overlap) : [])
		],
		onTime,
		{ cwd: path.dirname(out), signal }
	)
		.then(({ stderr }) => {
			p.blocks = parseBlocks(fs.readFileSync(path.join(path.dirname(out), blocksFile), 'utf8'));
			const peak = [...stderr.matchAll(/Peak:\s+(-?[\d.]+|-inf) dBFS/g)].pop();
			p.peak = peak ? Number(peak[1].replace('inf', 'Infinity')) : 0;
			p.notes = stderr.split('\n');
			return p;
		})
		.catch((err) => {
			// only the file can make this "not audio": a shutdown, a killed or missing ffmpeg says nothing about it
			throw ffmpegFailure(err, 'not_audio', (m) => `ffmpeg cannot decode the audio (${m.slice(-300)})`);
		});
}

/** Whether the last 0.2 s of the first half and the overlap decoded by the second half are the same signal. */
function joinMatches(first: string, overlap: string): boolean {
	const b = fs.readFileSync(overlap);
	if (b.length === 0) return false;
	const fh = fs.openSync(first, 'r');
	const a = Buffer.alloc(b.length);
	try {
		fs.readSync(fh, a, 0, b.length, Math.max(0, fs.fstatSync(fh).size - b.length));
	} finally {
		fs.closeSync(fh);
	}
	let max = 0;
	let diff = 0;
	for (let i = 0; i + 1 < b.length; i += 2) {
		max = Math.max(max, Math.abs(a.readInt16LE(i)));
		diff = Math.max(diff, Math.abs(a.readInt16LE(i) - b.readInt16LE(i)));
	}
	// decoders agree to the bit after 1 s of pre-roll; a shift of even one sample shows up as a large difference
	return diff <= 16 + 0.02 * max;
}

export async function analyse(
	source: string,
	work: string,
	src: { durationS: number; channels: number; formatName: string },
	onProgress: (seconds: number) => void,
	signal?: AbortSignal
): Promise<Analysis> {
	const frame = 2 * src.channels;
	const split = src.durationS >= 20 && EXACT_SEEK.test(src.formatName);
	let parts: Part[] = [];
	let pcm: string[] = [];
	if (split) {
		const join = Math.round(src.durationS * 5) * BLOCK; // a block boundary near the middle
		const times = [0, 0];
		const tick = (i: number) => (t: number) => {
			times[i] = t;
			onProgress(times[0] + times[1]);
		};
		pcm = [path.join(work, 'a.pcm'), path.join(work, 'b.pcm')];
		const overlap = path.join(work, 'overlap.pcm');
		parts = await together(signal, [(s) => part(source, pcm[0], src.channels, { to: join }, tick(0), undefined, s), (s) => part(source, pcm[1], src.channels, { from: join }, tick(1), overlap, s)]);
		const firstFull = fs.statSync(pcm[0]).size === join * frame;
		// a short first half means the file ended early: the truncation check below reports it
		if (firstFull && !joinMatches(pcm[0], overlap)) {
			parts = [];
			pcm = [];
		}
	}
	if (parts.length === 0) {
		pcm = [path.join(work, 'a.pcm')];
		parts = [await part(source, pcm[0], src.channels, null, onProgress, undefined, signal)];
	}
	const decoded = pcm.reduce((a, f) => a + fs.statSync(f).size, 0) / frame / RATE;
	// a header that promises more than the data holds: refuse rather than publish a cut-off episode
	if (src.durationS > 2 && decoded < src.durationS * 0.9) {
		throw new IngestError('truncated', `the file is truncated: it promises ${src.durationS.toFixed(1)} s but only ${decoded.toFixed(1)} s can be decoded`);
	}
	// a container that ends mid-packet (WAV whose header promises more, cut-off Ogg/MP4) logs these
	for (const p of parts) {
		const damage = /corrupt input packet|truncat|partial file|Invalid data found|error while decoding|end of file/i.exec(p.notes.join('\n'));
		if (damage) throw new IngestError('truncated', `the file is truncated or damaged (ffmpeg: "${damage[0]}")`);
	}
	if (decoded < 0.1) throw new IngestError('empty', 'the audio contains no samples');
	return {
		pcm,
		channels: src.channels,
		durationS: decoded,
		// like ffmpeg's summary: -70 (the absolute gate) when no block is loud enough to count
		inputLufs: Math.max(-70, integratedLoudness(parts.flatMap((p) => p.blocks))),
		samplePeak: Math.max(...parts.map((p) => p.peak))
	};
}

/**
 * The integrated loudness of the first `seconds` of the decoded PCM after `filter` (the gain and limiter), measured
 * like the analysis: two halves in parallel, the second starting 1 s early so the limiter has settled at the join.
 */
export async function filteredLoudness(a: Analysis, work: string, filter: string, seconds: number, onProgress: (seconds: number) => void, signal?: AbortSignal): Promise<number> {
	const pcmIn = ['-f', 's16le', '-ar', String(RATE), '-ac', String(a.channels), '-i', pcmInput(a)];
	const join = seconds >= 20 ? Math.round(seconds * 5) / 10 : seconds;
	const times = [0, 0];
	const measure = (i: number, input: string[], trim: string) => async (signal: AbortSignal) => {
		const file = `check${i}.blocks`;
		await ffmpegWithProgress(['-v', 'error', ...input, ...pcmIn, '-af', `${filter}${trim},${EBUR128_BLOCKS(file)}`, '-f', 'null', '-'], (t) => {
			times[i] = t;
			onProgress(times[0] + times[1]);
		}, { cwd: work, signal });
		return parseBlocks(fs.readFileSync(path.join(work, file), 'utf8'));
	};
	const parts = await together(signal, [
		measure(0, ['-t', String(join)], ''),
		...(join < seconds ? [measure(1, ['-ss', String(join - 1), '-t', String(seconds - join + 1)], `,atrim=start_sample=${RATE - 3 * BLOCK}`)] : [])
	]);
	return integratedLoudness(parts.flat());
}

/** The `-i` argument that reads the decoded parts as one stream (relative names: run in the work folder). */
function pcmInput(a: Analysis): string {
	return a.pcm.length === 1 ? a.pcm[0] : `concat:${a.pcm.map((f) => path.basename(f)).join('|')}`;
}
