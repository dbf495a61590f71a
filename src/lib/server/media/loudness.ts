// Integrated loudness (ITU-R BS.1770-4 / EBU R 128) from ffmpeg ebur128's momentary values. ebur128 measures the
// loudness of the last 400 ms every 100 ms; those are exactly the gating blocks of BS.1770 (75 % overlap), so
// analyses of consecutive parts of a file can be combined into the file's integrated loudness.

/** ebur128 metadata for ametadata (`print` to a file, 100 ms frames); logging them instead costs Node 40 000 pipe reads per hour */
export const EBUR128_BLOCKS = (file: string) => `ebur128=metadata=1:peak=sample,ametadata=mode=print:key=lavfi.r128.M:file=${file}`;

/**
 * The momentary loudness of each block in a file written by `EBUR128_BLOCKS`. A silent block is `-inf` on most
 * machines, but `nan` (or `-nan`) on some x86 CPUs, where ebur128's running energy sum rounds to just below zero:
 * both are silence, and every block counts, so the gating sees the same blocks everywhere.
 */
export function parseBlocks(text: string): number[] {
	return [...text.matchAll(/^lavfi\.r128\.M=(-?[\d.]+(?:e[-+]?\d+)?|[-+]?inf|[-+]?nan)\s*$/gim)].map((m) => {
		const v = Number(m[1]);
		return Number.isFinite(v) ? v : -Infinity;
	});
}

/** Gated mean of block loudnesses: absolute gate at -70 LUFS, then a relative gate 10 LU below the gated mean. */
export function integratedLoudness(blocks: Iterable<number>): number {
	const mean = (ls: number[]) => 10 * Math.log10(ls.reduce((a, l) => a + Math.pow(10, l / 10), 0) / ls.length);
	const absGated = [...blocks].filter((l) => l >= -70);
	if (absGated.length === 0) return -Infinity;
	const relative = mean(absGated) - 10;
	return mean(absGated.filter((l) => l >= relative));
}
