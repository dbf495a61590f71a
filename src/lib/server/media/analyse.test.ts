// The two-process analysis must give what one ffmpeg pass gives: the same PCM, the same loudness and peak.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { speech } from '../../../../tests/fixtures/podcast-content';
import { analyse, filteredLoudness } from './analyse';
import { EBUR128_BLOCKS, integratedLoudness, parseBlocks } from './loudness';
import { checkSource } from './package-audio';
import { peaksFromPcmFiles } from './peaks';

const tmp = () => fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR!, 'an-'));
const ff = (...args: string[]) => execFileSync('ffmpeg', ['-hide_banner', '-nostdin', '-nostats', '-y', ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
let dir: string;
let opus: string;

beforeAll(() => {
	dir = tmp();
	const wav = path.join(dir, 'speech.wav');
	// speech, then a quieter tone and silence: blocks on both sides of the relative gate and under the absolute one
	speech(wav, 'Willkommen zur Folge über Beiräte in Halle und Leipzig. Wie stellt ein Beirat einen Antrag? Schriftlich und rechtzeitig, über den Vorsitz.', 14);
	opus = path.join(dir, 'audio.opus');
	ff('-i', wav, '-f', 'lavfi', '-i', 'sine=frequency=300:duration=10', '-f', 'lavfi', '-i', 'anullsrc=r=22050:cl=mono:d=6', '-filter_complex', '[1]volume=-28dB,aresample=22050[t];[0][t][2]concat=n=3:v=0:a=1', '-c:a', 'libopus', '-b:a', '32k', opus);
}, 60_000);

/** ffmpeg's own summary for one pass, and its momentary blocks */
function ffmpegLoudness(file: string) {
	const blocks = path.join(path.dirname(file), 'blocks.txt');
	const log = execFileSync('sh', ['-c', `ffmpeg -hide_banner -nostats -i '${file}' -af '${EBUR128_BLOCKS(blocks)}' -f null - 2>&1`]).toString();
	const summary = log.slice(log.lastIndexOf('Summary:'));
	return {
		integrated: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]),
		peak: Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)![1]),
		blocks: parseBlocks(fs.readFileSync(blocks, 'utf8'))
	};
}

describe('loudness gating', () => {
	it('matches ffmpeg’s integrated loudness from its own momentary blocks (within 0.1 LU)', () => {
		const ref = ffmpegLoudness(opus);
		// 30 s, a block every 100 ms: every block counts, however this machine prints a silent one (-inf, nan, -120.7)
		expect(ref.blocks.length).toBe(300);
		expect(Math.abs(integratedLoudness(ref.blocks) - ref.integrated)).toBeLessThan(0.1);
	});

	it('reads a silent block as silence whether ffmpeg prints -inf or nan (some x86 CPUs print nan)', () => {
		const lines = (values: string[]) => values.map((v, i) => `frame:${i}    pts:${i * 4800}    pts_time:${i / 10}\nlavfi.r128.M=${v}\n`).join('');
		const loud = ['-20.5', '-21', '-19.75', '-1.5e+01'];
		expect(parseBlocks(lines([...loud, '-inf', '-inf']))).toEqual([-20.5, -21, -19.75, -15, -Infinity, -Infinity]);
		expect(parseBlocks(lines([...loud, 'nan', '-nan']))).toEqual([-20.5, -21, -19.75, -15, -Infinity, -Infinity]);
		expect(parseBlocks(lines(['NaN', 'inf', '-inf', 'nan']))).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
		// silence is gated out, so it makes no difference to the loudness
		expect(integratedLoudness(parseBlocks(lines([...loud, 'nan', 'nan'])))).toBe(integratedLoudness(parseBlocks(lines([...loud, '-inf', '-inf']))));
		expect(integratedLoudness(parseBlocks(lines(['nan', '-nan'])))).toBe(-Infinity);
	});

	it('gives the same loudness for this file’s blocks when its silent blocks are printed as nan', () => {
		const ref = ffmpegLoudness(opus);
		const text = fs.readFileSync(path.join(dir, 'blocks.txt'), 'utf8');
		// what a machine that prints nan writes: every block under the absolute gate (the silence at the end) as nan
		const asNan = text.replace(/^lavfi\.r128\.M=(-?[\d.]+|-inf)$/gm, (line, v) => (v === '-inf' || Number(v) < -70 ? 'lavfi.r128.M=nan' : line));
		expect(asNan).toContain('=nan');
		const blocks = parseBlocks(asNan);
		expect(blocks).toHaveLength(ref.blocks.length);
		expect(integratedLoudness(blocks)).toBeCloseTo(integratedLoudness(ref.blocks), 10);
	});

	it('gates: silence does not count, and nothing loud enough means -Infinity', () => {
		expect(integratedLoudness([-20, -20, -120.7, -80])).toBeCloseTo(-20, 5);
		// -35 is more than 10 LU below the mean of the blocks over -70: gated out
		expect(integratedLoudness([-20, -20, -35])).toBeCloseTo(-20, 5);
		expect(integratedLoudness([-120.7])).toBe(-Infinity);
	});
});

describe('analysis in two halves', () => {
	it('joins to the same PCM as one pass, with the same loudness and peak', async () => {
		const work = tmp();
		const src = await checkSource(opus, 100);
		const seen: number[] = [];
		const a = await analyse(opus, work, src, (t) => seen.push(t));
		expect(a.pcm).toHaveLength(2);
		expect(seen.length).toBeGreaterThan(0);
		const joined = Buffer.concat(a.pcm.map((f) => fs.readFileSync(f)));
		const single = ff('-v', 'error', '-i', opus, '-ar', '48000', '-ac', '1', '-f', 's16le', '-');
		expect(joined.length).toBe(single.length);
		expect(joined.equals(single)).toBe(true);
		expect(a.durationS).toBeCloseTo(30, 1);
		const ref = ffmpegLoudness(opus);
		expect(Math.abs(a.inputLufs - ref.integrated)).toBeLessThan(0.1);
		expect(a.samplePeak).toBe(ref.peak);
		// the limiter check measures in two halves too: the same as one ffmpeg pass over the filtered audio
		const filter = 'volume=12dB,alimiter=limit=0.8414:level=false:attack=5:release=50';
		const limited = await filteredLoudness(a, work, filter, 30, () => {});
		const wav = path.join(work, 'limited.wav');
		ff('-v', 'error', '-f', 's16le', '-ar', '48000', '-ac', '1', '-i', a.pcm[0], '-f', 's16le', '-ar', '48000', '-ac', '1', '-i', a.pcm[1], '-filter_complex', `[0][1]concat=n=2:v=0:a=1,${filter}`, wav);
		expect(Math.abs(limited - ffmpegLoudness(wav).integrated)).toBeLessThan(0.1);
		expect(limited).toBeGreaterThan(a.inputLufs + 6); // it did measure the gain
	});

	it('a container without sample-exact seeking is analysed in one pass', async () => {
		const mp3 = path.join(dir, 'audio.mp3');
		ff('-v', 'error', '-i', opus, '-c:a', 'libmp3lame', '-q:a', '5', mp3);
		const src = await checkSource(mp3, 100);
		const a = await analyse(mp3, tmp(), src, () => {});
		expect(a.pcm).toHaveLength(1);
		expect(Math.abs(a.inputLufs - ffmpegLoudness(mp3).integrated)).toBeLessThan(0.1);
	});
});

describe('waveform peaks', () => {
	it('are the same whether the PCM comes in one file or in parts, and fold stereo to mono', async () => {
		const d = tmp();
		const pcm = Int16Array.from({ length: 48_000 * 3 }, (_, i) => Math.round(Math.sin(i / 20) * (i < 48_000 ? 1000 : 16000)));
		const whole = path.join(d, 'whole.pcm');
		fs.writeFileSync(whole, Buffer.from(pcm.buffer));
		fs.writeFileSync(path.join(d, 'p1.pcm'), Buffer.from(pcm.buffer, 0, 100_002));
		fs.writeFileSync(path.join(d, 'p2.pcm'), Buffer.from(pcm.buffer, 100_002));
		const one = await peaksFromPcmFiles([whole], 1, 30);
		expect(one).toHaveLength(30);
		expect(await peaksFromPcmFiles([path.join(d, 'p1.pcm'), path.join(d, 'p2.pcm')], 1, 30)).toEqual(one);
		// the first second is 16 times quieter than the rest
		expect(Math.max(...one.slice(0, 10))).toBeCloseTo(1 / 16, 2);
		expect(Math.max(...one.slice(10))).toBe(1);
		// stereo with the same signal in both channels: the same peaks
		const stereo = Int16Array.from({ length: pcm.length * 2 }, (_, i) => pcm[i >> 1]);
		fs.writeFileSync(path.join(d, 'st.pcm'), Buffer.from(stereo.buffer));
		expect(await peaksFromPcmFiles([path.join(d, 'st.pcm')], 2, 30)).toEqual(one);
	});
});
