// The glossary format: content/glossary/<slug>.md, one council term per file, one section per interface language.
// Parsed into validated data with file/line problems, like lessons (see content/README.md, "Glossar").
import { createHash } from 'node:crypto';
import { locales } from '../paraglide/runtime';
import { ContentError, parseFrontMatter } from './frontmatter';
import { renderDocument, htmlToText } from './markdown';
import type { ContentProblem, Parsed } from './lesson';

/** Bump when parsing or rendering changes, so the import re-reads unchanged files. */
export const GLOSSARY_PARSER_VERSION = 'glossary-v1';

/** Every interface language needs its section. */
export const GLOSSARY_LOCALES: readonly string[] = locales;
export const GLOSSARY_SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;
/** What a form may contain: letters, marks, spaces, hyphens, apostrophes, the Mediopunkt of Leichte Sprache. */
const FORM_RE = /^[\p{L}\p{M}][\p{L}\p{M}\s'’·-]*[\p{L}\p{M}]$/u;
const LANG_TAG_RE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/;

export interface GlossaryLocaleText {
	/** what the term is called in this language (for de: the term itself) */
	name: string;
	/** the whole explanation, sanitised HTML */
	html: string;
	/** the first paragraph as plain text: the short explanation shown beside a lesson */
	short: string;
}

export interface GlossaryEntry {
	slug: string;
	/** the German term */
	term: string;
	demo: boolean;
	related: string[];
	/** words in a lesson's text that link to this entry, by the lesson's language tag (de, en, de-x-ls, …) */
	forms: Record<string, string[]>;
	texts: Record<string, GlossaryLocaleText>;
	hash: string;
}

export function glossaryHash(src: string): string {
	return createHash('sha256').update(GLOSSARY_PARSER_VERSION + '\n' + src).digest('hex');
}

function keyLine(src: string, key: string): number {
	const i = src.split('\n').findIndex((l) => l.startsWith(key + ':'));
	return i < 0 ? 1 : i + 1;
}

const isTextList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim().length > 0);

/** `antrag.md` → the entry, or every problem with its line. */
export function parseGlossaryEntry(src: string, file: string, fileName: string): Parsed<GlossaryEntry> {
	const errors: ContentProblem[] = [];
	const slug = fileName.replace(/\.md$/, '');
	if (!GLOSSARY_SLUG_RE.test(slug)) errors.push({ file, line: 1, reason: 'glossary file names use lower-case letters, digits and dashes, e.g. "antrag.md" (write ä as ae, ß as ss)' });
	let fm;
	try {
		fm = parseFrontMatter(src);
	} catch (err) {
		if (err instanceof ContentError) return { ok: false, errors: [...errors, { file, line: err.line, reason: err.message }] };
		throw err;
	}
	const data = fm.data;
	const term = data.term;
	if (typeof term !== 'string' || !term.trim()) errors.push({ file, line: keyLine(src, 'term'), reason: term === undefined ? 'front matter needs "term" (the German term, e.g. "Antrag")' : '"term" must be a text' });
	const demo = data.demo === undefined ? false : data.demo;
	if (typeof demo !== 'boolean') errors.push({ file, line: keyLine(src, 'demo'), reason: '"demo" must be true or false' });
	const related = data.related ?? [];
	if (!isTextList(related) || !related.every((r) => GLOSSARY_SLUG_RE.test(r))) errors.push({ file, line: keyLine(src, 'related'), reason: '"related" must be a list of glossary file names without ".md", e.g. [beschluss, tagesordnung]' });

	const forms: Record<string, string[]> = {};
	for (const [key, value] of Object.entries(data)) {
		const m = /^forms(?:_(.+))?$/.exec(key);
		if (!m) {
			if (!['term', 'demo', 'related'].includes(key)) errors.push({ file, line: keyLine(src, key), reason: `unknown front matter key "${key}" (known: term, forms, forms_<language>, related, demo)` });
			continue;
		}
		const lang = m[1] ?? 'de';
		if (!LANG_TAG_RE.test(lang) || lang === 'de-ls') {
			errors.push({ file, line: keyLine(src, key), reason: `"${key}": "${lang}" is not a language tag we use (Leichte Sprache is "de-x-ls", never "de-ls")` });
			continue;
		}
		if (!isTextList(value)) {
			errors.push({ file, line: keyLine(src, key), reason: `"${key}" must be a list of words, e.g. [Anträge, Anträgen]` });
			continue;
		}
		const bad = value.find((f) => !FORM_RE.test(f.trim()));
		if (bad !== undefined) errors.push({ file, line: keyLine(src, key), reason: `"${key}": "${bad}" is not a word form (letters, spaces, hyphens, apostrophes and "·" only)` });
		else forms[lang] = value.map((f) => f.trim());
	}

	const texts: Record<string, GlossaryLocaleText> = {};
	const lines = fm.body.split('\n');
	type Section = { locale: string; name: string; line: number; body: string[] };
	const sections: Section[] = [];
	let current: Section | null = null;
	let fence: string | null = null;
	lines.forEach((text, i) => {
		const line = fm.bodyLine + i;
		const f = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
		if (f) fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
		const h = fence === null && !f ? /^##\s+(\S+?)\s*(?::\s*(.*?))?\s*$/.exec(text) : null;
		if (h && !text.startsWith('###')) {
			current = { locale: h[1], name: (h[2] ?? '').trim(), line, body: [] };
			sections.push(current);
		} else if (current) current.body.push(text);
		else if (text.trim()) errors.push({ file, line, reason: 'text before the first language section: start each language with a heading like "## de" or "## en: motion"' });
	});
	const seen = new Map<string, number>();
	for (const s of sections) {
		if (!GLOSSARY_LOCALES.includes(s.locale)) {
			errors.push({ file, line: s.line, reason: `"## ${s.locale}" is not an interface language (${GLOSSARY_LOCALES.join(', ')})` });
			continue;
		}
		if (seen.has(s.locale)) {
			errors.push({ file, line: s.line, reason: `the language "${s.locale}" has a second section (the first is on line ${seen.get(s.locale)})` });
			continue;
		}
		seen.set(s.locale, s.line);
		const name = s.locale === 'de' ? (s.name || (typeof term === 'string' ? term.trim() : '')) : s.name;
		if (!name && s.locale !== 'de') errors.push({ file, line: s.line, reason: `"## ${s.locale}" needs the term's name in that language: "## ${s.locale}: …"` });
		const md = s.body.join('\n');
		if (!md.trim()) {
			errors.push({ file, line: s.line, reason: `the "${s.locale}" section is empty: explain the term in that language` });
			continue;
		}
		const doc = renderDocument(md, { lang: s.locale === 'de' ? 'de' : 'en', idPrefix: `${slug}-${s.locale}-` });
		for (const p of doc.problems) errors.push({ file, line: s.line + p.line, reason: p.reason });
		if (/<h[1-6][\s>]/.test(doc.html)) errors.push({ file, line: s.line, reason: `the "${s.locale}" section has a heading inside: use "**bold**" instead (headings "##" start a language)` });
		const firstP = /<p>([\s\S]*?)<\/p>/.exec(doc.html);
		texts[s.locale] = { name, html: doc.html, short: firstP ? htmlToText(firstP[1]) : doc.text };
	}
	const missing = GLOSSARY_LOCALES.filter((l) => !seen.has(l));
	if (missing.length) errors.push({ file, line: fm.bodyLine + lines.length - 1, reason: `the explanation is missing in: ${missing.join(', ')} (every interface language needs a section "## <language>: <name>")` });

	if (errors.length) return { ok: false, errors };
	// the names themselves link too, where they are single words or phrases
	const allForms: Record<string, string[]> = {};
	const add = (lang: string, words: string[]) => (allForms[lang] = [...new Set([...(allForms[lang] ?? []), ...words])]);
	add('de', [(term as string).trim()]);
	for (const [lang, t] of Object.entries(texts)) if (lang !== 'de' && FORM_RE.test(t.name)) add(lang, [t.name]);
	for (const [lang, words] of Object.entries(forms)) add(lang, words);
	return {
		ok: true,
		value: { slug, term: (term as string).trim(), demo: demo as boolean, related: related as string[], forms: allForms, texts, hash: glossaryHash(src) }
	};
}

/** The word forms that link in a lesson written in `lang`: its own and those of its base language (de-x-ls → de). */
export function formsFor(entry: Pick<GlossaryEntry, 'forms'>, lang: string): string[] {
	const base = lang.split('-')[0];
	return [...new Set([...(entry.forms[lang] ?? []), ...(base !== lang ? (entry.forms[base] ?? []) : [])])];
}
