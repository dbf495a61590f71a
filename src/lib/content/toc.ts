// The table of contents of a rendered lesson: its h2 and h3 headings (the renderer gives each an id), in order.
// Read from the sanitised HTML, so it is the same for import, studio preview and the page.

export interface TocEntry {
	id: string;
	text: string;
	level: 2 | 3;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '' };

function decode(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
		if (e[0] === '#') {
			const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
			return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
		}
		return ENTITIES[e.toLowerCase()] ?? all;
	});
}

/** h2/h3 with an id, except hidden ones (the footnotes' label); texts without markup, entities decoded. */
export function tableOfContents(html: string): TocEntry[] {
	const out: TocEntry[] = [];
	for (const m of html.matchAll(/<h([23])\b([^>]*)>([\s\S]*?)<\/h\1>/g)) {
		const attrs = m[2];
		const id = /\bid="([^"]+)"/.exec(attrs)?.[1];
		if (!id || /\bclass="[^"]*visually-hidden/.test(attrs)) continue;
		const text = decode(m[3].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
		if (text) out.push({ id: decode(id), text, level: Number(m[1]) as 2 | 3 });
	}
	return out;
}
