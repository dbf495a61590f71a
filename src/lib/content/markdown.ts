// The one Markdown renderer: marked (GFM) + heading anchors, footnotes, callouts → sanitize-html with an allowlist.
// Import, lesson pages, show notes, studio preview and the feed all call renderMarkdown()/renderDocument().
import type { Coded } from './problem';
import { Marked, type Tokens, type TokenizerAndRendererExtension } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { isOwnImage, lessonImageAttrs } from './lesson-image';

const ALLOWED_TAGS = [
	'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 's', 'sup', 'sub',
	'ul', 'ol', 'li', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'section', 'div', 'span', 'abbr', 'kbd', 'mark',
	'details', 'summary', 'figure', 'figcaption', 'input'
];

export const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ALLOWED_TAGS,
	allowedAttributes: {
		a: ['href', 'title', 'rel', 'id', 'class', 'aria-label', 'data-footnote-ref', 'data-footnote-backref', 'aria-describedby'],
		img: ['src', 'srcset', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
		div: ['role'],
		'*': ['id', 'class', 'lang', 'dir'],
		th: ['align', 'scope'],
		td: ['align'],
		ol: ['start'],
		input: ['type', 'checked', 'disabled'],
		abbr: ['title']
	},
	allowedSchemes: ['http', 'https', 'mailto', 'tel'],
	// images: only the site's own (/media/…), checked in transformTags/exclusiveFilter below
	allowedSchemesByTag: { img: [] },
	allowProtocolRelative: false,
	disallowedTagsMode: 'discard',
	exclusiveFilter: (frame) => frame.tag === 'img' && !isOwnImage(frame.attribs.src ?? ''),
	transformTags: {
		a: (tagName, attribs) => {
			const href = attribs.href ?? '';
			if (/^https?:\/\//i.test(href)) {
				return { tagName, attribs: { ...attribs, rel: 'noopener noreferrer external', class: ((attribs.class ?? '') + ' external').trim() } };
			}
			return { tagName, attribs };
		},
		// an image from anywhere else (another site, data:, a relative trick) is dropped; our own get their size
		img: (tagName, attribs) => {
			const src = attribs.src ?? '';
			if (!isOwnImage(src)) return { tagName, attribs: {} };
			const { srcset: _s, sizes: _z, width: _w, height: _h, ...rest } = attribs;
			return { tagName, attribs: { ...rest, src, ...lessonImageAttrs(src), loading: 'lazy', decoding: 'async' } };
		},
		// only our callouts carry a role; anything else a document asks for is dropped
		div: (tagName, attribs) => {
			const { role, ...rest } = attribs;
			return { tagName, attribs: role === 'note' ? { ...rest, role } : rest };
		},
		input: (tagName, attribs) => (attribs.type === 'checkbox' ? { tagName, attribs: { type: 'checkbox', disabled: '', ...(attribs.checked !== undefined ? { checked: '' } : {}) } } : { tagName: 'span', attribs: {} })
	}
};

export function sanitize(html: string): string {
	return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/** HTML → plain text (for search and summaries). */
export function htmlToText(html: string): string {
	return sanitizeHtml(html.replace(/<\/(p|li|h\d|div|tr|blockquote|section)>/g, ' $&'), { allowedTags: [], allowedAttributes: {} })
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/\s+/g, ' ')
		.trim();
}

export interface RenderProblem extends Coded {
	/** 1-based line within the rendered Markdown */
	line: number;
	reason: string;
}

export interface RenderOptions {
	/** language of callout titles and footnote labels (a lesson's or a variant's language; others fall back to German) */
	lang?: string;
	/** prefix for generated ids, so two documents on one page cannot collide */
	idPrefix?: string;
}

type CalloutKind = 'NOTE' | 'TIP' | 'IMPORTANT' | 'WARNING' | 'CAUTION';
interface Labels {
	callouts: Record<CalloutKind, string>;
	footnotes: string;
	back: string;
}
const label = (note: string, tip: string, important: string, warning: string, caution: string, footnotes: string, back: string): Labels => ({
	callouts: { NOTE: note, TIP: tip, IMPORTANT: important, WARNING: warning, CAUTION: caution },
	footnotes,
	back
});
/** Callout titles and footnote labels in the language of the text (lessons and their variants). */
const LABELS: Record<string, Labels> = {
	de: label('Hinweis', 'Tipp', 'Wichtig', 'Warnung', 'Vorsicht', 'Fußnoten', 'Zurück zum Text'),
	en: label('Note', 'Tip', 'Important', 'Warning', 'Caution', 'Footnotes', 'Back to the text'),
	ar: label('ملاحظة', 'نصيحة', 'مهم', 'تحذير', 'انتبه', 'الحواشي', 'العودة إلى النص'),
	fa: label('نکته', 'راهنمایی', 'مهم', 'هشدار', 'احتیاط', 'پانوشت‌ها', 'بازگشت به متن'),
	tr: label('Not', 'İpucu', 'Önemli', 'Uyarı', 'Dikkat', 'Dipnotlar', 'Metne dön'),
	uk: label('Примітка', 'Порада', 'Важливо', 'Попередження', 'Обережно', 'Примітки', 'Назад до тексту'),
	ru: label('Примечание', 'Совет', 'Важно', 'Предупреждение', 'Осторожно', 'Сноски', 'Назад к тексту')
};
const CALLOUT_RE = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/i;

export function slugify(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.replace(/ß/g, 'ss')
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.replace(/<[^>]*>/g, '')
			.replace(/&[a-z#0-9]+;/g, '')
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '') || 'abschnitt'
	);
}

function lineOf(src: string, raw: string, from = 0): number {
	const at = src.indexOf(raw, from);
	return at < 0 ? 1 : src.slice(0, at).split('\n').length;
}

/** Markdown → sanitised HTML, its plain text, and the problems a trainer must fix (missing alt text, unknown footnotes). */
export function renderDocument(md: string, opts: RenderOptions = {}): { html: string; text: string; problems: RenderProblem[] } {
	const labels = LABELS[opts.lang ?? 'de'] ?? LABELS.de;
	const prefix = opts.idPrefix ?? '';
	const problems: RenderProblem[] = [];
	const usedIds = new Map<string, number>();
	const uniqueId = (base: string) => {
		const n = usedIds.get(base) ?? 0;
		usedIds.set(base, n + 1);
		return prefix + (n === 0 ? base : `${base}-${n}`);
	};
	const footnoteHtml = new Map<string, string>();
	const footnoteOrder: string[] = [];
	const footnoteRefs = new Map<string, number>();

	const footnoteDef: TokenizerAndRendererExtension = {
		name: 'footnoteDef',
		level: 'block',
		start: (src) => src.match(/^\[\^[^\]\s]+\]:/m)?.index,
		tokenizer(src) {
			const m = /^\[\^([^\]\s]+)\]:[ \t]*(.*(?:\n(?: {2,}|\t)[^\n]*)*)(?:\n|$)/.exec(src);
			if (!m) return;
			return { type: 'footnoteDef', raw: m[0], label: m[1], tokens: this.lexer.inlineTokens(m[2].replace(/\n\s+/g, ' ')) };
		},
		renderer(token) {
			footnoteHtml.set(token.label, this.parser.parseInline(token.tokens ?? []));
			return '';
		}
	};
	const footnoteRef: TokenizerAndRendererExtension = {
		name: 'footnoteRef',
		level: 'inline',
		start: (src) => src.indexOf('[^') >= 0 ? src.indexOf('[^') : undefined,
		tokenizer(src) {
			const m = /^\[\^([^\]\s]+)\]/.exec(src);
			if (m) return { type: 'footnoteRef', raw: m[0], label: m[1] };
		},
		renderer(token) {
			const label = token.label as string;
			if (!footnoteOrder.includes(label)) footnoteOrder.push(label);
			const n = footnoteOrder.indexOf(label) + 1;
			const seen = (footnoteRefs.get(label) ?? 0) + 1;
			footnoteRefs.set(label, seen);
			const refId = `${prefix}fnref-${slugify(label)}${seen > 1 ? '-' + seen : ''}`;
			return `<sup><a href="#${prefix}fn-${slugify(label)}" id="${refId}" data-footnote-ref="" aria-describedby="${prefix}footnotes-label">${n}</a></sup>`;
		}
	};

	let cursor = 0;
	const marked = new Marked({ gfm: true, breaks: false });
	marked.use({
		extensions: [footnoteDef, footnoteRef],
		walkTokens(token) {
			if (token.type === 'blockquote') {
				const first = (token as Tokens.Blockquote).tokens[0];
				if (first?.type === 'paragraph') {
					const m = CALLOUT_RE.exec((first as Tokens.Paragraph).text);
					if (m) {
						(token as Tokens.Blockquote & { callout?: CalloutKind }).callout = m[1].toUpperCase() as CalloutKind;
						const rest = (first as Tokens.Paragraph).text.slice(m[0].length);
						(first as Tokens.Paragraph).text = rest;
						(first as Tokens.Paragraph).tokens = marked.Lexer.lexInline(rest, marked.defaults);
					}
				}
			}
			if (token.type === 'image') {
				const img = token as Tokens.Image;
				if (!img.text.trim()) problems.push({ line: lineOf(md, img.raw, cursor), reason: `image "${img.href}" has no alt text: write ![what the image shows](${img.href})`, code: 'md_image_alt', params: { href: img.href } });
				else if (!isOwnImage(img.href)) problems.push({ line: lineOf(md, img.raw, cursor), reason: `image "${img.href}" is not stored with the course: upload it in the studio editor and use the line it gives you`, code: 'md_image_outside', params: { href: img.href } });
			}
		},
		renderer: {
			heading({ tokens, depth }) {
				const inner = this.parser.parseInline(tokens);
				return `<h${depth} id="${uniqueId(slugify(inner))}">${inner}</h${depth}>\n`;
			},
			blockquote(token) {
				const kind = (token as Tokens.Blockquote & { callout?: CalloutKind }).callout;
				const body = this.parser.parse(token.tokens);
				if (!kind) return `<blockquote>\n${body}</blockquote>\n`;
				return `<div class="callout callout-${kind.toLowerCase()}" role="note"><p class="callout-title"><strong>${labels.callouts[kind]}</strong></p>\n${body}</div>\n`;
			},
			image({ href, title, text }) {
				return `<img src="${href}" alt="${escapeAttr(text)}"${title ? ` title="${escapeAttr(title)}"` : ''}>`;
			}
		}
	});

	let html = marked.parse(md, { async: false }) as string;
	for (const label of footnoteOrder) {
		if (!footnoteHtml.has(label)) problems.push({ line: lineOf(md, `[^${label}]`), reason: `footnote [^${label}] has no definition: add a line "[^${label}]: text"`, code: 'md_footnote', params: { label } });
	}
	if (footnoteOrder.length) {
		const title = labels.footnotes;
		const back = labels.back;
		const items = footnoteOrder
			.map((label) => `<li id="${prefix}fn-${slugify(label)}"><p>${footnoteHtml.get(label) ?? ''} <a href="#${prefix}fnref-${slugify(label)}" data-footnote-backref="" aria-label="${back}">↩</a></p></li>`)
			.join('\n');
		html += `<section class="footnotes"><h2 class="visually-hidden" id="${prefix}footnotes-label">${title}</h2><ol>${items}</ol></section>`;
	}
	cursor = 0;
	const clean = sanitize(html);
	return { html: clean, text: htmlToText(clean), problems };
}

function escapeAttr(s: string) {
	return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Markdown from anyone → safe HTML. */
export function renderMarkdown(md: string, opts: RenderOptions = {}): string {
	return renderDocument(md, opts).html;
}

/** One line of Markdown (quiz questions and options) → safe inline HTML. */
export function renderInline(md: string): string {
	const marked = new Marked({ gfm: true });
	return sanitize(marked.parseInline(md, { async: false }) as string);
}
