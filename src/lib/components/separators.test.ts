// Svelte trims the whitespace at the inner edges of a block (and of an element), so `{date}{#if d} · {min}{/if}` renders
// "16. April 2026· 3 Min." and `{#if t}<b>Trailer</b> · {/if}Folge 3` renders "Trailer ·Folge 3". A separator inside a
// block is written as an expression, `{#if d}{' · '}{min}{/if}`, which keeps its spaces. This scan keeps it that way.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../..');

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const p = path.join(dir, e.name);
		return e.isDirectory() ? svelteFiles(p) : e.name.endsWith('.svelte') ? [p] : [];
	});
}

// a separator whose space sits at the inner edge of a block: trimmed away
const GLUED = /\{(?:#if|:else(?: if)?|#each)[^}]*\}[ \t]+[·–|,]|[·–|][ \t]+\{(?:\/if|:else|\/each)|<[a-z]+(?:\s[^>]*)?>[ \t]+[·–|]|[·–|][ \t]+<\//g;

describe('separators between facts ("Folge 3 · 16. April 2026 · 3 Min.")', () => {
	it('keep their spaces: no separator relies on whitespace at the edge of a {#if}/{#each} block', () => {
		const found = svelteFiles(SRC).flatMap((f) =>
			// markup only: TypeScript's `<T> | undefined` is no separator (blanked, keeping line numbers)
			fs.readFileSync(f, 'utf8').replace(/<script[\s\S]*?<\/script>/g, (s) => s.replace(/[^\n]/g, '')).split('\n').flatMap((line, i) => (line.match(GLUED) ? [`${path.relative(SRC, f)}:${i + 1}: ${line.trim()}`] : []))
		);
		expect(found).toEqual([]);
	});

	it('the pattern catches the glued form and passes the fixed one', () => {
		expect('{e.date}{#if e.duration} · {min}{/if}'.match(GLUED)).not.toBeNull();
		expect('{#if t}<strong>{t}</strong> · {/if}{n}'.match(GLUED)).not.toBeNull();
		expect("{e.date}{#if e.duration}{' · '}{min}{/if}".match(GLUED)).toBeNull();
		// Svelte 5 also removes the whitespace at the inner edges of an element: "Leichte Sprache·العربية"
		expect('{#if i}<span aria-hidden="true"> · </span>{/if}'.match(GLUED)).not.toBeNull();
		expect('<span class="name"> – {e.name}</span>'.match(GLUED)).not.toBeNull();
		expect(`<span aria-hidden="true">{' · '}</span>`.match(GLUED)).toBeNull();
	});
});
