// The one Markdown renderer: marked (GFM) → HTML → sanitize-html with an explicit allowlist.
// Import, lesson pages, show notes, studio preview and the feed all call renderMarkdown().
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

const marked = new Marked({ gfm: true, breaks: false });

const ALLOWED_TAGS = [
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's', 'sup', 'sub',
	'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'div', 'span', 'abbr', 'kbd', 'mark',
	'details', 'summary', 'figure', 'figcaption', 'input'
];

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ALLOWED_TAGS,
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'target', 'id', 'class', 'aria-label', 'data-footnote-ref', 'data-footnote-backref', 'aria-describedby'],
		img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
		'*': ['id', 'class', 'lang', 'dir'],
		th: ['align', 'scope'],
		td: ['align'],
		ol: ['start'],
		input: ['type', 'checked', 'disabled'],
		abbr: ['title']
	},
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	allowedSchemesByTag: { img: ['https', 'http'] },
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	transformTags: {
		a: (tagName, attribs) => {
			const href = attribs.href ?? '';
			if (/^https?:\/\//i.test(href)) {
				return { tagName, attribs: { ...attribs, rel: 'noopener noreferrer external', class: ((attribs.class ?? '') + ' external').trim() } };
			}
			return { tagName, attribs };
		},
		img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy', decoding: 'async' } }),
		input: (tagName, attribs) => (attribs.type === 'checkbox' ? { tagName, attribs: { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) } } : { tagName: 'span', attribs: {} })
	}
};

export function sanitize(html: string): string {
	return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** Markdown from anyone → safe HTML. */
export function renderMarkdown(md: string): string {
	const html = marked.parse(md, { async: false }) as string;
	return sanitize(html);
}
