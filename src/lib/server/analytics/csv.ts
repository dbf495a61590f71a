// CSV for the analytics downloads (RFC 4180 quoting). Cells a spreadsheet would read as a formula
// (starting with = + - @, tab or carriage return) get a leading apostrophe, so a learner's display name or a
// lesson title can never run as a formula in the trainer's spreadsheet.
export type Cell = string | number | null | undefined;

export function csvCell(value: Cell): string {
	if (value === null || value === undefined) return '';
	let s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
	return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** Header and rows as CSV text with CRLF line ends and a BOM, so spreadsheet programs read UTF-8 umlauts. */
export function toCsv(header: string[], rows: Cell[][]): string {
	return '\uFEFF' + [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for Content-Disposition: ASCII letters, digits and dashes only. */
export function csvFileName(...parts: string[]): string {
	return (
		parts
			.join('-')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/[^A-Za-z0-9-]+/g, '-')
			.replace(/-+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 80) + '.csv'
	);
}
