import { describe, expect, it } from 'vitest';
import { Parser } from 'htmlparser2';
import { renderDocument, renderInline, renderMarkdown } from './markdown';

// Each payload is tried as Markdown; the output must carry no script, no on* handler and no javascript: URL.
const XSS = [
	'<script>alert(1)</script>',
	'<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
	'<img src=x onerror=alert(1)>',
	'<img src="x" onerror="alert(1)" alt="a">',
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'<body onload=alert(1)>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'<iframe srcdoc="<script>alert(1)</script>"></iframe>',
	'<a href="javascript:alert(1)">x</a>',
	'<a href="JaVaScRiPt:alert(1)">x</a>',
	'<a href=" javascript:alert(1)">x</a>',
	'<a href="jav&#x09;ascript:alert(1)">x</a>',
	'<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
	'<a href="vbscript:msgbox(1)">x</a>',
	'<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
	'[x](javascript:alert(1))',
	'[x](JAVASCRIPT:alert(1))',
	'[x](  javascript:alert(1)  )',
	'[x](javascript&#58;alert(1))',
	'[x](<javascript:alert(1)>)',
	'[x]: javascript:alert(1)\n\n[x]',
	'![a](javascript:alert(1))',
	'![a](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
	'![a"onerror="alert(1)](x.png)',
	'![a](x.png "t\\" onerror=\\"alert(1)")',
	'[a](https://example.org "t\\" onmouseover=\\"alert(1)")',
	'<div onclick="alert(1)">x</div>',
	'<p style="background:url(javascript:alert(1))">x</p>',
	'<style>body{background:url("javascript:alert(1)")}</style>',
	'<link rel=stylesheet href="javascript:alert(1)">',
	'<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
	'<object data="javascript:alert(1)"></object>',
	'<embed src="javascript:alert(1)">',
	'<form action="javascript:alert(1)"><button>x</button></form>',
	'<input onfocus=alert(1) autofocus>',
	'<input type="image" src="x" onerror="alert(1)">',
	'<details open ontoggle=alert(1)>',
	'<marquee onstart=alert(1)>x</marquee>',
	'<video><source onerror="alert(1)"></video>',
	'<audio src=x onerror=alert(1)>',
	'<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
	'<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
	'<a href="#" onmouseover="alert(1)">x</a>',
	'<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
	'<base href="javascript:alert(1)//">',
	'<a href="javascript&colon;alert(1)">x</a>',
	'<<script>alert(1)//<</script>',
	'<scr<script>ipt>alert(1)</scr</script>ipt>',
	'<img """><script>alert(1)</script>">',
	'`<script>` is code, but <script>alert(1)</script> is not',
	'> [!NOTE]\n> <img src=x onerror=alert(1)>',
	'Text[^1]\n\n[^1]: <script>alert(1)</script> [x](javascript:alert(1))',
	'## <img src=x onerror=alert(1)> heading',
	'- [ ] <span onclick=alert(1)>task</span>',
	'<abbr title="x" onclick="alert(1)">x</abbr>',
	'<a href="https://example.org" target="_blank" onclick="alert(1)">x</a>',
	'<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
	'<div role="alert" aria-live="assertive">x</div>',
	'<img src="https://example.org/x.png" alt="ok" srcset="javascript:alert(1)">'
];

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
		expect(problems).toEqual([
			{ line: 5, reason: expect.stringContaining('no alt text') },
			{ line: 3, reason: expect.stringContaining('[^x]') }
		]);
	});
	it('marks external links and lazy-loads images', () => {
		const html = renderMarkdown('[BZI](https://www.bzi.de/) [intern](/courses) ![Ein Rathaus](https://example.org/r.png)');
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
