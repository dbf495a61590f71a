import { describe, expect, it } from 'vitest';
import { foldPeaks, wavePath, WAVE_BARS } from './peaks';

describe('foldPeaks', () => {
	it('folds 1000 peaks into the bar’s columns, keeping each column’s loudest peak', () => {
		const peaks = Array.from({ length: 1000 }, (_, i) => (i === 503 ? 0.987 : 0.1234));
		const bars = foldPeaks(peaks);
		expect(bars).toHaveLength(WAVE_BARS);
		expect(bars.filter((b) => b === 0.99)).toHaveLength(1);
		expect(bars.every((b) => b === 0.99 || b === 0.12)).toBe(true);
	});
	it('is unchanged by folding again (the browser folds what the server already folded)', () => {
		const once = foldPeaks(Array.from({ length: 1000 }, (_, i) => Math.abs(Math.sin(i / 7))));
		expect(foldPeaks(once)).toEqual(once);
	});
	it('stretches fewer peaks over the whole bar and keeps no peaks empty', () => {
		expect(foldPeaks([0.5, 1])).toEqual([...Array(80).fill(0.5), ...Array(80).fill(1)]);
		expect(foldPeaks([])).toEqual([]);
	});
});

describe('wavePath', () => {
	it('draws one stroke per column with one decimal, silence still visible', () => {
		expect(wavePath([0, 0.51])).toBe('M0.5 48V52M1.5 25.5V74.5');
	});
});
