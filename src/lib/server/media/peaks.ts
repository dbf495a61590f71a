// Waveform peaks for the seek bar: the loudest sample of each of `n` equal slices, scaled so the loudest is 1.
export function computePeaks(pcm: Buffer, n: number): number[] {
	const samples = Math.floor(pcm.length / 2);
	if (samples === 0) return [];
	const count = Math.min(n, samples);
	const peaks = new Array<number>(count).fill(0);
	for (let b = 0; b < count; b++) {
		const from = Math.floor((b * samples) / count);
		const to = Math.floor(((b + 1) * samples) / count);
		let max = 0;
		for (let i = from; i < to; i++) {
			const v = Math.abs(pcm.readInt16LE(i * 2));
			if (v > max) max = v;
		}
		peaks[b] = max;
	}
	const top = Math.max(...peaks) || 1;
	return peaks.map((p) => Math.round((p / top) * 1000) / 1000);
}
