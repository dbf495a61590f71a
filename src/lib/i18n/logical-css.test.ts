// Arabic and Farsi pages run right to left: a physical left/right in the styles puts something on the wrong side
// there. This reads app.css, every component's <style> and every style attribute and fails on a physical
// inline-direction property (margin-left, text-align: right, float: left, a left: offset, …).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const PHYSICAL: [RegExp, string][] = [
	[/(?<![\w-])(margin|padding|scroll-margin|scroll-padding)-(left|right)\s*:/, 'use $1-inline-start / -end'],
	[/(?<![\w-])border-(left|right)(-[a-z]+)?\s*:/, 'use border-inline-start / -end'],
	[/(?<![\w-])border-(top|bottom)-(left|right)-radius\s*:/, 'use border-start-start-radius and its kin'],
	[/(?<![\w-])(left|right)\s*:/, 'use inset-inline-start / -end'],
	[/(?<![\w-])(text-align|float|clear)\s*:\s*(left|right)\b/, 'use start / end (inline-start / inline-end)'],
	[/(?<![\w-])background-position(-x)?\s*:[^;]*\b(left|right)\b/, 'position from the start, or mirror under :dir(rtl)']
];
/** margin: 0 1rem 0 2rem sets left and right apart: the four-value shorthands are physical when the sides differ. */
const SHORTHAND = /(?<![\w-])(margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)\s*:\s*([^;{}]+)/g;

function files(dir: string, out: string[] = []): string[] {
	for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) {
			if (e.name !== 'paraglide' && e.name !== 'node_modules') files(p, out);
		} else if (/\.(svelte|css)$/.test(e.name)) out.push(p);
	}
	return out;
}

/** The CSS in a file: the whole .css, or a component's <style> blocks and style attributes. */
function cssOf(file: string, text: string): { css: string; line: number }[] {
	if (file.endsWith('.css')) return [{ css: text, line: 1 }];
	const parts: { css: string; line: number }[] = [];
	const lineAt = (i: number) => text.slice(0, i).split('\n').length;
	for (const m of text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) parts.push({ css: m[1], line: lineAt(m.index! + m[0].indexOf('>') + 1) - 1 });
	for (const m of text.matchAll(/\sstyle="([^"]*)"/g)) parts.push({ css: m[1], line: lineAt(m.index!) - 1 });
	// Svelte's style: directives name one property each
	for (const m of text.matchAll(/\sstyle:([a-z-]+)/g)) parts.push({ css: `${m[1]}: x;`, line: lineAt(m.index!) - 1 });
	return parts;
}

/** box-shadow: inset 4px 0 0 — a bar on the left edge; right to left it belongs on the right */
const INSET_SHADOW = /(?<![\w-])box-shadow\s*:[^;]*\binset\s+(-?[\d.]+)(px|rem|em)?\s/;

function physicalIn(file: string): string[] {
	const text = fs.readFileSync(file, 'utf8');
	const found: string[] = [];
	for (const { css, line } of cssOf(file, text)) {
		const clean = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
		// the selector in force on each line: declarations under :dir(rtl) / :dir(ltr) are the deliberate exceptions
		let selector = '';
		clean.split('\n').forEach((l, i) => {
			if (l.includes('{')) selector = l.slice(0, l.indexOf('{'));
			const where = `${path.relative(src, file)}:${line + i + 1}: "${l.trim()}"`;
			if (l.includes('}')) selector = '';
			if (selector.includes(':dir(')) return;
			for (const [re, hint] of PHYSICAL) {
				const m = re.exec(l);
				if (m) found.push(`${where} (${hint.replace('$1', m[1])})`);
			}
			for (const m of l.matchAll(SHORTHAND)) {
				const values = m[2].trim().replace(/\s*!important$/, '').split(/\s+(?![^(]*\))/);
				if (values.length === 4 && values[1] !== values[3]) found.push(`${where} (left and right differ: use ${m[1]}-block / ${m[1]}-inline)`);
			}
			const shadow = INSET_SHADOW.exec(l);
			if (shadow && Number(shadow[1]) !== 0 && !hasDirCounterpart(clean)) found.push(`${where} (an inset shadow on one side: add its mirror under :dir(rtl))`);
		});
	}
	return found;
}

const hasDirCounterpart = (css: string) => /:dir\(rtl\)[^{]*\{[^}]*box-shadow\s*:[^;]*\binset/.test(css);

describe('styles use logical properties only', () => {
	it('app.css and every component', () => {
		const all = files(src);
		expect(all.length).toBeGreaterThan(50);
		expect(all.flatMap(physicalIn)).toEqual([]);
	});

	it('the check sees a physical property where it hides', () => {
		const dir = fs.mkdtempSync(path.join(process.env.TEST_TMP_DIR ?? '/tmp', 'css-'));
		const f = path.join(dir, 'X.svelte');
		fs.writeFileSync(
			f,
			'<p style="margin-left: 1rem">x</p>\n<i style:right="0"></i>\n<style>\n\t.a { padding: 0 1rem 0 2rem; }\n\t.b { text-align: right; }\n\t.c { inset-inline-start: 0; margin-inline: 1rem; padding: 0 1rem; }\n\t/* left: 0 in a comment */\n\t.d { box-shadow: inset 4px 0 0 red; }\n\t.e:dir(rtl) {\n\t\tfloat: right;\n\t}\n</style>\n'
		);
		const out = physicalIn(f).map((s) => s.replace(/^.*?X\.svelte:/, ''));
		expect(out.map((s) => s.split(':')[0])).toEqual(['4', '5', '8', '1', '2']);
	});
});
