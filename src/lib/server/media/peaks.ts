// Waveform peaks for the seek bar: the loudest sample of each of `n` equal slices, scaled so the loudest is 1.
import fs from 'node:fs';


function scale(peaks: number[]): number[] {
	const top = Math.max(...peaks) || 1;
	return peaks.map((p) => Math.round((p / top) * 1000) / 1000);
}

/**
 * From 16-bit little-endian PCM files read one after the other (the parts of one signal), streamed in chunks so
 * hours of audio never sit in memory. Stereo is folded to mono as the mean of the channels, like a downmix.
 */
export async function peaksFromPcmFiles(files: string[], channels: number, n: number): Promise<number[]> {
	const frameBytes = 2 * channels;
	const frames = files.reduce((a, f) => a + Math.floor(fs.statSync(f).size / frameBytes), 0);
	if (frames === 0) return [];
	const count = Math.min(n, frames);
	const peaks = new Array<number>(count).fill(0);
	// every 6th frame (8 kHz) is plenty for a bar that is a pixel or two wide, unless the slices are tiny
	const stride = frames / count >= 60 ? 6 : 1;
	const chunk = Buffer.alloc(frameBytes * 65536);
	let frame = 0; // frames consumed so far
	let bucket = 0;
	let next = Math.floor(frames / count); // first frame of the next bucket
	let hi = 0; // largest and smallest sample of the current bucket (tracked apart: no Math.abs in the hot loop)
	let lo = 0;
	for (const file of files) {
		const fh = await fs.promises.open(file, 'r');
		try {
			for (;;) {
				const { bytesRead } = await fh.read(chunk, 0, chunk.length, null);
				const got = Math.floor(bytesRead / frameBytes);
				if (got === 0) break;
				const s = new Int16Array(chunk.buffer, chunk.byteOffset, got * channels);
				for (let i = 0; i < got; ) {
					const end = Math.min(got, i + (next - frame));
					const first = i + ((stride - (frame % stride)) % stride);
					if (channels === 1) {
						for (let k = first; k < end; k += stride) {
							const v = s[k];
							if (v > hi) hi = v;
							else if (v < lo) lo = v;
						}
					} else {
						for (let k = first; k < end; k += stride) {
							const v = (s[2 * k] + s[2 * k + 1]) / 2;
							if (v > hi) hi = v;
							else if (v < lo) lo = v;
						}
					}
					frame += end - i;
					i = end;
					if (frame >= next && bucket < count) {
						peaks[bucket++] = Math.max(hi, -lo);
						hi = lo = 0;
						next = bucket + 1 >= count ? frames : Math.floor(((bucket + 1) * frames) / count);
					}
				}
			}
		} finally {
			await fh.close();
		}
	}
	if (bucket < count) peaks[bucket] = Math.max(hi, -lo);
	return scale(peaks);
}
