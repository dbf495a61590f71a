// Every interface message in every language: Paraglide falls back to German without a word when a translation is
// missing, so this check is the guard. It reads the message files themselves (not the compiled messages) and
// reports, per file and key: a file or key missing in a language, an empty text, placeholders that differ from the
// German original, a broken placeholder ("{n", "n}", "{ }"), a key written twice, a text left in English, and a
// message file Paraglide would not load because project.inlang/settings.json does not list it.
//   npx tsx scripts/check-messages.ts            (exit code 1 when anything is wrong)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MessageProblem {
	file: string;
	key?: string;
	locale?: string;
	problem: string;
}

interface Settings {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat'?: { pathPattern: string | string[] };
}

/** A message's texts (one, or one per variant) and the variables it takes. */
interface Parsed {
	texts: string[];
	inputs: Set<string>;
	/** variables a variant message declares as local (`local countPlural = count: plural`) */
	locals: Set<string>;
	syntaxErrors: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `{name}` placeholders of one text; `\{` and `\}` are literal braces. Malformed ones go to `errors`. */
export function placeholders(text: string, errors: string[] = []): Set<string> {
	const found = new Set<string>();
	let i = 0;
	while (i < text.length) {
		const ch = text[i];
		if (ch === '\\') {
			i += 2;
			continue;
		}
		if (ch === '}') {
			errors.push(`a "}" without its "{" at character ${i + 1}`);
			i++;
			continue;
		}
		if (ch === '{') {
			const end = text.indexOf('}', i + 1);
			const nextOpen = text.indexOf('{', i + 1);
			if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
				errors.push(`a "{" without its "}" at character ${i + 1}`);
				i++;
				continue;
			}
			const name = text.slice(i + 1, end);
			if (!NAME.test(name)) errors.push(`"{${name}}" is not a placeholder name`);
			else found.add(name);
			i = end + 1;
			continue;
		}
		i++;
	}
	return found;
}

function parseMessage(value: unknown): Parsed | string {
	if (typeof value === 'string') {
		const syntaxErrors: string[] = [];
		const inputs = placeholders(value, syntaxErrors);
		return { texts: [value], inputs, locals: new Set(), syntaxErrors };
	}
	// the message format's variants (plurals): [{ declarations, selectors, match: { "n=one": "…", … } }]
	const list = Array.isArray(value) ? value : [value];
	if (!list.length || list.some((v) => !v || typeof v !== 'object' || typeof (v as { match?: unknown }).match !== 'object')) return 'is neither a text nor a list of variants';
	const out: Parsed = { texts: [], inputs: new Set(), locals: new Set(), syntaxErrors: [] };
	for (const v of list as { declarations?: string[]; match: Record<string, unknown> }[]) {
		for (const d of v.declarations ?? []) {
			const input = /^input\s+([A-Za-z_]\w*)$/.exec(d.trim());
			const local = /^local\s+([A-Za-z_]\w*)\s*=/.exec(d.trim());
			if (input) out.inputs.add(input[1]);
			else if (local) out.locals.add(local[1]);
			else out.syntaxErrors.push(`declaration "${d}" is neither "input x" nor "local x = …"`);
		}
		for (const [when, text] of Object.entries(v.match)) {
			if (typeof text !== 'string') return `variant "${when}" is not a text`;
			out.texts.push(text);
			for (const name of placeholders(text, out.syntaxErrors)) {
				if (!out.inputs.has(name) && !out.locals.has(name)) out.syntaxErrors.push(`variant "${when}" uses {${name}}, which is not declared`);
			}
		}
	}
	return out;
}

/** Keys that occur twice in one JSON object (JSON.parse keeps the last silently). Top level only: that is where keys are. */
function duplicateKeys(raw: string): string[] {
	const seen = new Set<string>();
	const dup: string[] = [];
	for (const m of raw.matchAll(/^(?:\t| {1,4})?"((?:[^"\\]|\\.)+)"\s*:/gm)) {
		if (seen.has(m[1])) dup.push(m[1]);
		seen.add(m[1]);
	}
	return dup;
}

/**
 * Texts that may read the same as in English: names and technical words. Any other text equal to the English one
 * counts as not translated yet (in Arabic, Farsi, Ukrainian and Russian when it has a Latin word at all, in Turkish
 * when it has two words of three letters or more).
 */
const SAME_AS_ENGLISH_OK = new Set(['site_name']);
const NON_LATIN_SCRIPT = new Set(['ar', 'fa', 'uk', 'ru', 'he', 'el', 'bg', 'sr', 'mk', 'ka', 'hy', 'zh', 'ja', 'ko', 'th']);

function looksUntranslated(locale: string, text: string, english: string | undefined): boolean {
	if (english === undefined || text !== english) return false;
	const words = text.replace(/\{[^}]*\}/g, ' ').match(/\p{Script=Latin}{2,}/gu) ?? [];
	if (NON_LATIN_SCRIPT.has(locale.split('-')[0])) return words.length > 0;
	return words.filter((w) => w.length >= 3).length >= 2;
}

const sortedList = (s: Set<string>) => [...s].sort().map((n) => `{${n}}`).join(' ') || 'none';

/** All problems of the message files under `root` (the folder with project.inlang/ and messages/). */
export function checkMessages(root: string): MessageProblem[] {
	const problems: MessageProblem[] = [];
	const settings = JSON.parse(fs.readFileSync(path.join(root, 'project.inlang/settings.json'), 'utf8')) as Settings;
	const { baseLocale, locales } = settings;
	const patternSetting = settings['plugin.inlang.messageFormat']?.pathPattern ?? [];
	const patterns = (Array.isArray(patternSetting) ? patternSetting : [patternSetting]).map((p) => p.replace(/^\.\//, ''));
	const messagesDir = path.join(root, 'messages');

	// every file any language has, and every file settings.json lists
	const files = new Set<string>();
	for (const p of patterns) if (/^messages\/\{locale\}\/[^/]+\.json$/.test(p)) files.add(path.basename(p));
	for (const locale of locales) {
		const dir = path.join(messagesDir, locale);
		if (!fs.existsSync(dir)) {
			problems.push({ file: `messages/${locale}/`, locale, problem: 'the language has no message folder' });
			continue;
		}
		for (const f of fs.readdirSync(dir)) if (f.endsWith('.json')) files.add(f);
	}
	for (const f of files) {
		if (!patterns.includes(`messages/{locale}/${f}`)) problems.push({ file: `messages/{locale}/${f}`, problem: 'is not in pathPattern of project.inlang/settings.json, so Paraglide does not load it' });
	}

	for (const file of [...files].sort()) {
		const parsed = new Map<string, Map<string, Parsed>>();
		const present = new Map<string, Set<string>>();
		const keys = new Set<string>();
		for (const locale of locales) {
			const rel = `messages/${locale}/${file}`;
			const full = path.join(root, rel);
			if (!fs.existsSync(full)) {
				problems.push({ file: rel, locale, problem: 'the file is missing' });
				continue;
			}
			const raw = fs.readFileSync(full, 'utf8');
			let json: Record<string, unknown>;
			try {
				json = JSON.parse(raw) as Record<string, unknown>;
			} catch (err) {
				problems.push({ file: rel, locale, problem: `is not valid JSON (${(err as Error).message})` });
				continue;
			}
			for (const key of duplicateKeys(raw)) problems.push({ file: rel, key, locale, problem: 'the key is written twice (the first text is silently lost)' });
			const byKey = new Map<string, Parsed>();
			present.set(locale, new Set(Object.keys(json)));
			for (const [key, value] of Object.entries(json)) {
				if (key.startsWith('$')) continue;
				keys.add(key);
				const p = parseMessage(value);
				if (typeof p === 'string') {
					problems.push({ file: rel, key, locale, problem: p });
					continue;
				}
				if (p.texts.some((t) => t.trim() === '')) problems.push({ file: rel, key, locale, problem: 'the text is empty' });
				for (const e of p.syntaxErrors) problems.push({ file: rel, key, locale, problem: `broken placeholder: ${e}` });
				byKey.set(key, p);
			}
			parsed.set(locale, byKey);
		}
		for (const key of [...keys].sort()) {
			const base = parsed.get(baseLocale)?.get(key);
			for (const locale of locales) {
				const byKey = parsed.get(locale);
				if (!byKey) continue;
				const rel = `messages/${locale}/${file}`;
				const mine = byKey.get(key);
				if (!mine) {
					// a key that is there but failed to parse was already reported
					if (!present.get(locale)?.has(key)) problems.push({ file: rel, key, locale, problem: 'the message is missing' });
					continue;
				}
				if (base && locale !== baseLocale && sortedList(mine.inputs) !== sortedList(base.inputs)) {
					problems.push({ file: rel, key, locale, problem: `placeholders ${sortedList(mine.inputs)} differ from ${baseLocale}'s ${sortedList(base.inputs)}` });
				}
				const english = parsed.get('en')?.get(key);
				if (locale !== 'en' && locale !== baseLocale && english && !SAME_AS_ENGLISH_OK.has(key) && mine.texts.some((t, i) => looksUntranslated(locale, t, english.texts[i]))) {
					problems.push({ file: rel, key, locale, problem: 'the text is the English one: not translated yet' });
				}
			}
		}
	}
	return problems;
}

export function formatProblems(problems: MessageProblem[]): string {
	return problems.map((p) => `${p.file}${p.key ? ` ${p.key}` : ''}: ${p.problem}`).join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
	const problems = checkMessages(root);
	if (problems.length) {
		console.error(formatProblems(problems));
		console.error(`\n${problems.length} problem(s) in the message files.`);
		process.exit(1);
	}
	console.log('Messages complete in every language.');
}
