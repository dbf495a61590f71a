import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { renderDocument, renderInline, renderMarkdown } from './markdown';
import { XSS } from '../../../tests/fixtures/xss-corpus';

function inspect(html: string) {
	const problems: string[] = [];
	const parser = new Parser({
		onopentag(name, attrs) {
			if (['script', 'style', 'iframe', 'object', 'embed', 'form', 'base', 'link', 'meta', 'svg', 'math'].includes(name)) problems.push(`tag ${name}`);
			for (const [k, v] of Object.entries(attrs)) {
				if (/^on/i.test(k)) problems.push(`handler ${k}`);
				if (k === 'style' || k === 'srcset' || k === 'srcdoc') problems.push(`attr ${k}`);
				if (/^\s*(javascript|vbscript|data):/i.test(v.replace(/[\s\u0000-\u001f]/g, ''))) problems.push(`url ${k}=${v}`);
			}
		}
	}, { decodeEntities: true });
	parser.write(html);
	parser.end();
	if (/<script/i.test(html)) problems.push('literal <script');
	return problems;
}

describe('sanitising', () => {
	it(`has a corpus of at least 50 payloads (${XSS.length})`, () => expect(XSS.length).toBeGreaterThanOrEqual(50));
	it.each(XSS)('renders %j without script, handler or javascript: URL', (payload) => {
		expect(inspect(renderMarkdown(payload))).toEqual([]);
		expect(inspect(renderInline(payload))).toEqual([]);
	});
	it('drops roles other than our callouts', () => {
		expect(renderMarkdown('<div role="alert">x</div>')).not.toContain('role=');
	});
});

describe('rendering', () => {
	it('gives headings unique anchors', () => {
		const html = renderMarkdown('## Rechte im Ausschuss\n\n## Rechte im Ausschuss\n\n### Größe & Maß');
		expect(html).toContain('<h2 id="rechte-im-ausschuss">');
		expect(html).toContain('<h2 id="rechte-im-ausschuss-1">');
		expect(html).toContain('id="groesse-mass"');
	});
	it('renders callouts as labelled notes', () => {
		const html = renderMarkdown('> [!WARNING]\n> Fristen beachten!');
		expect(html).toContain('class="callout callout-warning" role="note"');
		expect(html).toContain('<strong>Warnung</strong>');
		expect(html).toContain('Fristen beachten!');
		expect(html).not.toContain('[!WARNING]');
		expect(renderMarkdown('> [!TIP]\n> x', { lang: 'en' })).toContain('<strong>Tip</strong>');
		expect(renderMarkdown('> just a quote')).toContain('<blockquote>');
	});
	it('renders footnotes with links both ways', () => {
		const html = renderMarkdown('Der Rat[^rat] entscheidet.\n\n[^rat]: Gemeinderat oder Stadtrat.');
		expect(html).toContain('<a href="#fn-rat" id="fnref-rat"');
		expect(html).toContain('<li id="fn-rat"><p>Gemeinderat oder Stadtrat.');
		expect(html).toContain('href="#fnref-rat"');
		expect(html).toContain('class="footnotes"');
	});
	it('reports a footnote without definition and an image without alt text, with lines', () => {
		const { problems } = renderDocument('Text\n\nSiehe[^x].\n\n![](bild.png)');
		expect(problems).toMatchObject([
			{ line: 5, reason: expect.stringContaining('no alt text') },
			{ line: 3, reason: expect.stringContaining('[^x]') }
		]);
	});
	it('marks external links and lazy-loads our own images', () => {
		const html = renderMarkdown('[BZI](https://www.bzi.de/) [intern](/courses) ![Ein Rathaus](/media/0123456789abcdef0123456789abcdef/img-640x480.jpg)');
		expect(html).toContain('class="external"');
		expect(html).toContain('rel="noopener noreferrer external"');
		expect(html).toContain('<a href="/courses">');
		expect(html).toContain('loading="lazy"');
		expect(html).toContain('alt="Ein Rathaus"');
	});
	it('gives plain text for search', () => {
		expect(renderDocument('# Titel\n\nEin **fetter** Satz & mehr.').text).toBe('Titel Ein fetter Satz & mehr.');
	});
});
