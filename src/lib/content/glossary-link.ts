// Links the first occurrence of each glossary term in rendered lesson HTML to its glossary entry.
// Works on the sanitiser's output (well-formed, text escaped, no comments), never inside headings, links, code,
// abbreviations or definitions, and sanitises again what it returns.
import { sanitize } from './markdown';

export interface LinkTerm {
	slug: string;
	/** word forms as they appear in text ("Antrag", "Anträge", …) */
	forms: string[];
}

export interface LinkOptions {
	/** where a term's link goes, e.g. slug => `/glossar#${slug}` */
	href: (slug: string) => string;
	/** the id of the short explanation the page shows for the term (aria-describedby), when it shows one */
	describedBy?: (slug: string) => string;
}

const SKIP = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'kbd', 'abbr', 'dfn', 'summary']);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase('de') + s.slice(1);

/** A matcher for a set of terms: the longest form wins; a form also matches with a capital first letter. */
export function termMatcher(terms: LinkTerm[]): { re: RegExp; slugOf: Map<string, string> } | null {
	const slugOf = new Map<string, string>();
	for (const t of terms) {
		for (const f of t.forms) {
			for (const v of [f, upperFirst(f)]) if (!slugOf.has(v)) slugOf.set(v, t.slug);
		}
	}
	if (!slugOf.size) return null;
	const alternatives = [...slugOf.keys()].sort((a, b) => b.length - a.length).map(escapeRe);
	// letters, marks and digits around a match mean it is part of a longer word ("Beirat" in "Integrationsbeirat")
	const re = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'gu');
	return { re, slugOf };
}

/** `html` with the first occurrence of every term linked; `linked` lists the slugs in the order they first appear. */
export function linkTerms(html: string, terms: LinkTerm[], opts: LinkOptions): { html: string; linked: string[] } {
	const matcher = termMatcher(terms);
	if (!matcher) return { html, linked: [] };
	const { re, slugOf } = matcher;
	const linked: string[] = [];
	const done = new Set<string>();
	const open = new Map<string, number>();
	let skipping = 0;
	const out: string[] = [];
	for (const part of html.split(/(<[^>]*>)/)) {
		if (part.startsWith('<')) {
			const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(part);
			if (m && SKIP.has(m[2].toLowerCase()) && !part.endsWith('/>')) {
				const name = m[2].toLowerCase();
				const n = (open.get(name) ?? 0) + (m[1] ? -1 : 1);
				open.set(name, Math.max(0, n));
				skipping = [...open.values()].reduce((a, b) => a + b, 0);
			}
			out.push(part);
			continue;
		}
		if (skipping || !part) {
			out.push(part);
			continue;
		}
		// entities (&amp; &#39;) are never part of a word
		out.push(
			part
				.split(/(&[#a-zA-Z0-9]+;)/)
				.map((piece) =>
					piece.startsWith('&')
						? piece
						: piece.replace(re, (word) => {
								const slug = slugOf.get(word);
								if (!slug || done.has(slug)) return word;
								done.add(slug);
								linked.push(slug);
								const described = opts.describedBy ? ` aria-describedby="${escapeAttr(opts.describedBy(slug))}"` : '';
								return `<a href="${escapeAttr(opts.href(slug))}" class="glossary-term"${described}>${word}</a>`;
							})
				)
				.join('')
		);
	}
	return { html: linked.length ? sanitize(out.join('')) : html, linked };
}

export interface TermNote {
	slug: string;
	/** the German term */
	term: string;
	/** its name in the reader's language */
	name: string;
	short: string;
	/** the id the term's link in the text names in aria-describedby */
	id: string;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The short explanations of the terms linked in a lesson, as HTML in the reader's language (rendered on the server:
 * no component code in a lesson page's JavaScript). Every text in it is escaped here.
 */
export function renderTermNotes(notes: TermNote[], opts: { title: string; more: (term: string) => string; href: (slug: string) => string; lang: string; dir: 'ltr' | 'rtl' }): string {
	if (!notes.length) return '';
	const items = notes
		.map((n) => {
			const name = n.name !== n.term ? `<span class="glossary-name"> – ${escapeText(n.name)}</span>` : '';
			return `<dt><a href="${escapeAttr(opts.href(n.slug))}" aria-label="${escapeAttr(opts.more(n.term))}"><span lang="de" dir="ltr">${escapeText(n.term)}</span></a>${name}</dt><dd id="${escapeAttr(n.id)}">${escapeText(n.short)}</dd>`;
		})
		.join('');
	return `<aside class="glossary-notes" aria-labelledby="glossary-notes-title" lang="${escapeAttr(opts.lang)}" dir="${opts.dir}"><h2 id="glossary-notes-title">${escapeText(opts.title)}</h2><dl>${items}</dl></aside>`;
}
