// Every a11y_ message exists in all seven languages, not empty, with the same placeholders; every key the code uses
// exists (Paraglide would fall back silently).
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { LOCALES } from '../i18n';

const load = (locale: string) => JSON.parse(fs.readFileSync(path.resolve(`messages/${locale}/a11y.json`), 'utf8')) as Record<string, unknown>;

function filesUnder(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : []));
}

describe('a11y messages', () => {
	const de = load('de');
	const keys = Object.keys(de).filter((k) => k !== '$schema');
	// a plural message is an array of variants; its text is every variant's text together
	const text = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v ?? ''));
	const params = (v: unknown) => [...new Set(text(v).match(/\{[a-z]+\}/gi) ?? [])].sort();

	it.each(LOCALES.filter((l) => l !== 'de'))('%s has every key, none empty, with the same placeholders', (locale) => {
		const m = load(locale);
		expect(Object.keys(m).filter((k) => k !== '$schema').sort()).toEqual([...keys].sort());
		for (const k of keys) {
			expect(text(m[k]).trim(), `${locale} ${k}`).toBeTruthy();
			expect(params(m[k]), `${locale} ${k}`).toEqual(params(de[k]));
		}
	});

	it('every a11y_ key used in the code exists', () => {
		const used = new Set<string>();
		// m.a11y_…( in components, 'a11y_…' in t() calls and zod schemas (svelte-ignore comments do not count)
		for (const f of filesUnder(path.resolve('src'))) {
			for (const [, a, b] of fs.readFileSync(f, 'utf8').matchAll(/\bm\.(a11y_[a-z_]+)\(|['"](a11y_[a-z_]+)['"]/g)) used.add(a ?? b);
		}
		expect(used.size).toBeGreaterThan(40);
		expect([...used].filter((k) => !(k in de))).toEqual([]);
	});
});
