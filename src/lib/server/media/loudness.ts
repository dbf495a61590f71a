// Integrated loudness (ITU-R BS.1770-4 / EBU R 128) from ffmpeg ebur128's momentary values. ffmpeg logs the
// loudness of the last 400 ms every 100 ms (`framelog=info`); those are exactly the gating blocks of BS.1770
// (75 % overlap), so analyses of consecutive parts of a file can be combined into the file's integrated loudness.

/** The momentary loudness of one ebur128 frame log line, or null for any other line. */
export function parseMomentary(line: string): number | null {
	if (!line.includes('TARGET:')) return null;
	const m = /\bM:\s*(-?[\d.]+|-?inf)/.exec(line);
	if (!m) return null;
	const v = Number(m[1].replace('inf', 'Infinity'));
	return Number.isNaN(v) ? null : v;
}

/** Gated mean of block loudnesses: absolute gate at -70 LUFS, then a relative gate 10 LU below the gated mean. */
export function integratedLoudness(blocks: Iterable<number>): number {
	const mean = (ls: number[]) => 10 * Math.log10(ls.reduce((a, l) => a + Math.pow(10, l / 10), 0) / ls.length);
	const absGated = [...blocks].filter((l) => l >= -70);
	if (absGated.length === 0) return -Infinity;
	const relative = mean(absGated) - 10;
	return mean(absGated.filter((l) => l >= relative));
}
