// Front matter: a YAML block between `---` lines at the top of a Markdown file.
import { parse, YAMLParseError } from 'yaml';

export interface FrontMatterResult {
	data: Record<string, unknown>;
	body: string;
	/** 1-based line number of the body's first line in the file */
	bodyLine: number;
}

export class ContentError extends Error {
	constructor(
		message: string,
		public line: number,
		/** the problem as a message code (problem.ts) */
		public code?: string,
		public params?: Record<string, string | number>
	) {
		super(message);
	}
}

export function parseFrontMatter(src: string): FrontMatterResult {
	const text = src.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	if (!text.startsWith('---\n')) return { data: {}, body: text, bodyLine: 1 };
	const end = text.indexOf('\n---', 3);
	if (end === -1) throw new ContentError('front matter is not closed with a line "---"', 1, 'fm_unclosed');
	const yamlText = text.slice(4, end + 1);
	let data: unknown;
	try {
		data = parse(yamlText) ?? {};
	} catch (err) {
		const line = err instanceof YAMLParseError && err.linePos ? err.linePos[0].line + 1 : 1;
		const detail = (err as Error).message.split('\n')[0];
		throw new ContentError(`front matter is not valid YAML: ${detail}`, line, 'fm_yaml', { detail });
	}
	if (typeof data !== 'object' || Array.isArray(data)) throw new ContentError('front matter must be a mapping of keys to values', 2, 'fm_mapping');
	const afterClose = text.indexOf('\n', end + 4);
	const body = afterClose === -1 ? '' : text.slice(afterClose + 1);
	const bodyLine = text.slice(0, afterClose === -1 ? text.length : afterClose + 1).split('\n').length;
	return { data: data as Record<string, unknown>, body, bodyLine };
}
