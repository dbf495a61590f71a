// A readable line diff (longest common subsequence) between two revisions' sources.
export interface DiffLine {
	kind: 'same' | 'add' | 'del';
	text: string;
	/** line number in the old text (same, del) */
	a?: number;
	/** line number in the new text (same, add) */
	b?: number;
}

/** Beyond this many cells the middle part is shown as replaced instead of aligned (memory stays bounded). */
const MAX_CELLS = 4_000_000;

export function lineDiff(oldText: string, newText: string): DiffLine[] {
	const a = oldText.replace(/\r\n?/g, '\n').split('\n');
	const b = newText.replace(/\r\n?/g, '\n').split('\n');
	let start = 0;
	while (start < a.length && start < b.length && a[start] === b[start]) start++;
	let endA = a.length;
	let endB = b.length;
	while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
		endA--;
		endB--;
	}
	const out: DiffLine[] = [];
	for (let i = 0; i < start; i++) out.push({ kind: 'same', text: a[i], a: i + 1, b: i + 1 });
	const n = endA - start;
	const m = endB - start;
	if (n * m > MAX_CELLS) {
		for (let i = start; i < endA; i++) out.push({ kind: 'del', text: a[i], a: i + 1 });
		for (let j = start; j < endB; j++) out.push({ kind: 'add', text: b[j], b: j + 1 });
	} else {
		// lcs[i][j] = length of the LCS of a[start+i..endA) and b[start+j..endB)
		const w = m + 1;
		const lcs = new Uint32Array((n + 1) * w);
		for (let i = n - 1; i >= 0; i--) {
			for (let j = m - 1; j >= 0; j--) {
				lcs[i * w + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * w + j + 1] + 1 : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
			}
		}
		let i = 0;
		let j = 0;
		while (i < n || j < m) {
			if (i < n && j < m && a[start + i] === b[start + j]) {
				out.push({ kind: 'same', text: a[start + i], a: start + i + 1, b: start + j + 1 });
				i++;
				j++;
			} else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
				out.push({ kind: 'add', text: b[start + j], b: start + j + 1 });
				j++;
			} else {
				out.push({ kind: 'del', text: a[start + i], a: start + i + 1 });
				i++;
			}
		}
	}
	for (let i = endA, j = endB; i < a.length; i++, j++) out.push({ kind: 'same', text: a[i], a: i + 1, b: j + 1 });
	return out;
}

/** Only the changed lines with `context` unchanged lines around them; gaps become a single `null`. */
export function hunks(lines: DiffLine[], context = 3): (DiffLine | null)[] {
	const keep = new Array<boolean>(lines.length).fill(false);
	lines.forEach((l, i) => {
		if (l.kind === 'same') return;
		for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
	});
	const out: (DiffLine | null)[] = [];
	lines.forEach((l, i) => {
		if (keep[i]) out.push(l);
		else if (out.length === 0 || out[out.length - 1] !== null) out.push(null);
	});
	if (out[out.length - 1] === null && !keep[lines.length - 1]) out.pop();
	return out;
}
