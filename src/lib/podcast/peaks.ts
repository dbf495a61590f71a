// The waveform under the seek bar. The ingest keeps 1000 peaks per episode; the bar draws WAVE_BARS columns, so the
// server folds the peaks before they go into a page (and its hydration data), and the path is written with one decimal.

export const WAVE_BARS = 160;

/** Any number of peaks (0..1) as exactly `bars` columns, each the loudest peak it covers, to two decimals. */
export function foldPeaks(peaks: number[], bars = WAVE_BARS): number[] {
	if (!peaks.length) return [];
	const out: number[] = [];
	for (let i = 0; i < bars; i++) {
		const from = Math.floor((i * peaks.length) / bars);
		const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / bars));
		out.push(Math.round(Math.max(...peaks.slice(from, to)) * 100) / 100);
	}
	return out;
}

/** One vertical stroke per column in a WAVE_BARS × 100 box, at least 4 high so that silence still shows. */
export function wavePath(bars: number[]): string {
	const r = (n: number) => Math.round(n * 10) / 10;
	return bars.map((p, i) => `M${i + 0.5} ${r(50 - Math.max(2, p * 48))}V${r(50 + Math.max(2, p * 48))}`).join('');
}
