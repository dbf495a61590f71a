// One date format per locale (issue 13): every date goes through $lib/i18n/locales (or the server's format.ts), which
// map the page's locale to its Intl locale. A page that calls toLocaleString itself picked 'de-DE' for every language
// but English (the variant editor did). This scan keeps such calls out of components, pages and server code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../..');
const ALLOWED = new Set(['lib/i18n/locales.ts', 'lib/server/format.ts']);

function files(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) return e.name === 'paraglide' ? [] : files(p);
		return /\.(svelte|ts)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [p] : [];
	});
}

describe('dates are formatted in one place', () => {
	it('no toLocaleDateString/toLocaleString/Intl.DateTimeFormat outside the locale helpers', () => {
		const found = files(SRC)
			.filter((f) => !ALLOWED.has(path.relative(SRC, f)))
			.flatMap((f) =>
				fs.readFileSync(f, 'utf8').split('\n').flatMap((line, i) => (/\.toLocale(Date|Time)?String\(|Intl\.DateTimeFormat\(/.test(line) ? [`${path.relative(SRC, f)}:${i + 1}: ${line.trim()}`] : []))
			);
		expect(found).toEqual([]);
	});
});
