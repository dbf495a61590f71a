import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';
import { linkTerms, renderTermNotes, type LinkTerm } from './glossary-link';

const TERMS: LinkTerm[] = [
	{ slug: 'antrag', forms: ['Antrag', 'Anträge', 'Anträgen', 'Antrags'] },
	{ slug: 'beirat', forms: ['Beirat', 'Beirats', 'Beiräte', 'Integrationsbeirat'] },
	{ slug: 'ausschuss', forms: ['Ausschuss', 'Ausschüsse', 'Ausschüssen'] },
	{ slug: 'geschaeftsordnung', forms: ['Geschäftsordnung'] }
];
const opts = { href: (s: string) => `/glossar#${s}`, describedBy: (s: string) => `glossary-note-${s}` };
const link = (md: string) => linkTerms(renderMarkdown(md), TERMS, opts);
const links = (html: string) => [...html.matchAll(/<a href="\/glossar#([a-z-]+)"[^>]*>([^<]*)<\/a>/g)].map((m) => `${m[1]}:${m[2]}`);

describe('linking glossary terms in a lesson', () => {
	it('links only the first occurrence of each term', () => {
		const r = link('Der Beirat stellt einen Antrag. Der Antrag geht an den Ausschuss.\n\nNoch ein Antrag und ein Beirat.');
		expect(links(r.html)).toEqual(['beirat:Beirat', 'antrag:Antrag', 'ausschuss:Ausschuss']);
		expect(r.linked).toEqual(['beirat', 'antrag', 'ausschuss']);
		expect(r.html).toContain('<a href="/glossar#antrag" class="glossary-term" aria-describedby="glossary-note-antrag">Antrag</a>');
	});

	it('links inflected forms listed for the term, and counts them as the same term', () => {
		const r = link('Die Anträge des Beirats gingen an die Ausschüsse. Später kam noch ein Antrag.');
		expect(links(r.html)).toEqual(['antrag:Anträge', 'beirat:Beirats', 'ausschuss:Ausschüsse']);
	});

	it('does not link inside headings, links, code or code blocks, and links the next occurrence instead', () => {
		const md = [
			'## Der Antrag im Ausschuss',
			'',
			'Siehe [unseren Beirat](https://example.org/beirat) und `Antrag` im Code.',
			'',
			'```',
			'Ausschuss in einem Codeblock',
			'```',
			'',
			'Jetzt der Antrag, der Beirat und der Ausschuss.'
		].join('\n');
		const r = link(md);
		expect(r.html).toMatch(/<h2 id="[^"]+">Der Antrag im Ausschuss<\/h2>/);
		expect(r.html).toContain('<code>Antrag</code>');
		expect(r.html).toContain('Ausschuss in einem Codeblock');
		expect(links(r.html)).toEqual(['antrag:Antrag', 'beirat:Beirat', 'ausschuss:Ausschuss']);
		expect(r.html).toMatch(/Jetzt der <a [^>]*>Antrag<\/a>, der <a [^>]*>Beirat<\/a> und der <a [^>]*>Ausschuss<\/a>\./);
	});

	it('does not link a term that is only part of a longer word, but links a compound listed as a form', () => {
		const r = link('Die Beiratssitzung und der Antragsteller. Der Integrationsbeirat tagt.');
		expect(links(r.html)).toEqual(['beirat:Integrationsbeirat']);
	});

	it('prefers the longest form and matches a capitalised first letter', () => {
		const r = linkTerms('<p>anträgen und Anträgen</p>', [{ slug: 'antrag', forms: ['anträgen', 'Antrag'] }], opts);
		expect(links(r.html)).toEqual(['antrag:anträgen']);
		const cap = linkTerms('<p>Motions are proposals.</p>', [{ slug: 'antrag', forms: ['motion', 'motions'] }], opts);
		expect(links(cap.html)).toEqual(['antrag:Motions']);
	});

	it('keeps entities, emphasis, tables and footnotes intact and the result sanitised', () => {
		const md = 'A &amp; B: **Geschäftsordnung** des Beirats.[^1]\n\n| Gremium | Recht |\n|---|---|\n| Ausschuss | Antrag |\n\n[^1]: Anträge sind hier erklärt.';
		const r = link(md);
		expect(r.html).toContain('A &amp; B: <strong><a href="/glossar#geschaeftsordnung" class="glossary-term" aria-describedby="glossary-note-geschaeftsordnung">Geschäftsordnung</a></strong>');
		expect(r.html).toMatch(/<td><a [^>]*>Ausschuss<\/a><\/td>/);
		expect(r.html).toMatch(/<td><a [^>]*>Antrag<\/a><\/td>/);
		// the footnote's "Anträge" comes after the table's "Antrag": not linked again
		expect(r.html).toContain('Anträge sind hier erklärt.');
		expect(r.html).not.toMatch(/<script|onerror/);
	});

	it('leaves HTML without terms untouched and works without aria-describedby', () => {
		const html = renderMarkdown('Nichts zu verlinken.');
		expect(linkTerms(html, TERMS, opts)).toEqual({ html, linked: [] });
		const plain = linkTerms('<p>Ein Antrag.</p>', TERMS, { href: (s) => `/glossar#${s}` });
		expect(plain.html).toBe('<p>Ein <a href="/glossar#antrag" class="glossary-term">Antrag</a>.</p>');
	});

	it('matches Arabic and Cyrillic forms as words', () => {
		const terms = [
			{ slug: 'antrag', forms: ['طلب'] },
			{ slug: 'beirat', forms: ['рада', 'ради'] }
		];
		const r = linkTerms('<p>قدّم المجلس طلب رسمي. طلبات أخرى.</p><p>Консультативна рада і ради.</p>', terms, opts);
		expect(links(r.html)).toEqual(['antrag:طلب', 'beirat:рада']);
	});

	it('renders the short explanations with the ids the links name, escaped, in the reader’s language and direction', () => {
		const r = link('Der Beirat stellt einen Antrag.');
		const html = renderTermNotes(
			[
				{ slug: 'beirat', term: 'Beirat', name: 'المجلس الاستشاري', short: 'هيئة <تقدّم> المشورة & أكثر', id: 'glossary-note-beirat' },
				{ slug: 'antrag', term: 'Antrag', name: 'Antrag', short: 'Ein "Vorschlag".', id: 'glossary-note-antrag' }
			],
			{ title: 'مصطلحات في هذا الدرس', more: (t) => `المزيد عن «${t}»`, href: (s) => `/glossar#${s}`, lang: 'ar', dir: 'rtl' }
		);
		expect(html).toMatch(/^<aside class="glossary-notes" aria-labelledby="glossary-notes-title" lang="ar" dir="rtl"><h2 id="glossary-notes-title">مصطلحات في هذا الدرس<\/h2>/);
		for (const slug of r.linked) expect(html).toContain(`<dd id="glossary-note-${slug}">`);
		expect(html).toContain('<a href="/glossar#beirat" aria-label="المزيد عن «Beirat»"><span lang="de" dir="ltr">Beirat</span></a><span class="glossary-name"> – المجلس الاستشاري</span>');
		expect(html).toContain('هيئة &lt;تقدّم&gt; المشورة &amp; أكثر');
		// a German reader sees no repeated name
		expect(html).toContain('<span lang="de" dir="ltr">Antrag</span></a></dt><dd id="glossary-note-antrag">Ein "Vorschlag".</dd>');
		expect(renderTermNotes([], { title: 'x', more: (t) => t, href: (s) => s, lang: 'de', dir: 'ltr' })).toBe('');
	});
});
