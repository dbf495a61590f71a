import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formsFor, GLOSSARY_LOCALES, parseGlossaryEntry } from './glossary';

const GLOSSARY_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content/glossary');

const section = (locale: string, name = '') => `## ${locale}${name ? ': ' + name : ''}\n\nErklärung in ${locale}. Zweiter Satz.\n\nMehr Text.\n`;
function entry(opts: { front?: string; sections?: string[] } = {}) {
	const sections = opts.sections ?? GLOSSARY_LOCALES.map((l) => (l === 'de' ? section('de') : section(l, `name-${l}`)));
	return `---\n${opts.front ?? 'term: Antrag\nforms: [Anträge, Anträgen]'}\n---\n\n${sections.join('\n')}`;
}
const parse = (src: string, name = 'antrag.md') => parseGlossaryEntry(src, `glossary/${name}`, name);
function problems(src: string, name?: string) {
	const r = parse(src, name);
	return r.ok ? [] : r.errors.map((e) => `${e.line}: ${e.reason}`);
}

describe('glossary entries', () => {
	it('parses a valid entry: names, rendered texts, the first paragraph as short explanation, word forms', () => {
		const r = parse(entry({ front: 'term: Antrag\nforms: [Anträge, Anträgen]\nforms_en: [motions]\nrelated: [beschluss]' }));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(r.value.slug).toBe('antrag');
		expect(Object.keys(r.value.texts).sort()).toEqual([...GLOSSARY_LOCALES].sort());
		expect(r.value.texts.de).toMatchObject({ name: 'Antrag', short: 'Erklärung in de. Zweiter Satz.' });
		expect(r.value.texts.de.html).toContain('<p>Mehr Text.</p>');
		expect(r.value.texts.ar.name).toBe('name-ar');
		expect(formsFor(r.value, 'de')).toEqual(['Antrag', 'Anträge', 'Anträgen']);
		expect(formsFor(r.value, 'de-x-ls')).toEqual(['Antrag', 'Anträge', 'Anträgen']);
		expect(formsFor(r.value, 'en')).toEqual(['name-en', 'motions']);
		expect(r.value.related).toEqual(['beschluss']);
	});

	it('names file and line of every problem', () => {
		const sections = GLOSSARY_LOCALES.filter((l) => l !== 'ru').map((l) => (l === 'de' ? section('de') : l === 'tr' ? section('tr') : section(l, 'x')));
		const src = entry({ front: 'forms: [Anträge, "<b>"]\nrelated: Beschluss\ncolour: blue', sections: ['Vorweg ein Satz.\n', ...sections, '## xx: Unbekannt\n\nText.\n', '## en: doppelt\n\nText.\n', '## fa: leer\n\n'] });
		const lines = src.split('\n');
		const at = (text: string) => lines.findIndex((l) => l.startsWith(text)) + 1;
		expect(problems(src, 'Antrag Neu.md')).toEqual([
			'1: glossary file names use lower-case letters, digits and dashes, e.g. "antrag.md" (write ä as ae, ß as ss)',
			'1: front matter needs "term" (the German term, e.g. "Antrag")',
			`${at('related')}: "related" must be a list of glossary file names without ".md", e.g. [beschluss, tagesordnung]`,
			`${at('forms')}: "forms": "<b>" is not a word form (letters, spaces, hyphens, apostrophes and "·" only)`,
			`${at('colour')}: unknown front matter key "colour" (known: term, forms, forms_<language>, related, demo)`,
			`${at('Vorweg')}: text before the first language section: start each language with a heading like "## de" or "## en: motion"`,
			`${at('## tr')}: "## tr" needs the term's name in that language: "## tr: …"`,
			`${at('## xx')}: "## xx" is not an interface language (${GLOSSARY_LOCALES.join(', ')})`,
			`${at('## en: doppelt')}: the language "en" has a second section (the first is on line ${at('## en: x')})`,
			`${at('## fa: leer')}: the language "fa" has a second section (the first is on line ${at('## fa: x')})`,
			`${lines.length}: the explanation is missing in: ru (every interface language needs a section "## <language>: <name>")`
		]);
	});

	it('refuses an empty section, a heading inside a section, an image without alt text, and "de-ls"', () => {
		const sections = GLOSSARY_LOCALES.map((l) => (l === 'de' ? section('de') : section(l, 'n')));
		sections[1] = '## en: motion\n\n';
		sections[2] = '## ar: طلب\n\nنص.\n\n### Zwischentitel\n\n![](https://example.org/x.png)\n';
		const src = entry({ front: 'term: Antrag\nforms_de-ls: [Antrag]', sections });
		const lines = src.split('\n');
		const at = (text: string) => lines.findIndex((l) => l.startsWith(text)) + 1;
		expect(problems(src)).toEqual([
			`${at('forms_de-ls')}: "forms_de-ls": "de-ls" is not a language tag we use (Leichte Sprache is "de-x-ls", never "de-ls")`,
			`${at('## en')}: the "en" section is empty: explain the term in that language`,
			`${at('![]')}: image "https://example.org/x.png" has no alt text: write ![what the image shows](https://example.org/x.png)`,
			`${at('## ar')}: the "ar" section has a heading inside: use "**bold**" instead (headings "##" start a language)`
		]);
	});

	it('refuses broken front matter with its line', () => {
		expect(problems('---\nterm: [unclosed\n---\n## de\n\nText.\n')).toEqual([expect.stringMatching(/^\d+: front matter is not valid YAML/)]);
	});

	it('every shipped entry is valid and has all seven languages', () => {
		const files = fs.readdirSync(GLOSSARY_DIR).filter((f) => f.endsWith('.md'));
		expect(files.length).toBeGreaterThanOrEqual(15);
		for (const f of files) {
			const r = parse(fs.readFileSync(path.join(GLOSSARY_DIR, f), 'utf8'), f);
			expect(r.ok ? [] : r.errors, f).toEqual([]);
			if (r.ok) {
				expect(r.value.demo, `${f} is marked as demo content`).toBe(true);
				for (const l of GLOSSARY_LOCALES) expect(r.value.texts[l].short.length, `${f} ${l}: short explanation`).toBeGreaterThan(20);
			}
		}
	});
});
