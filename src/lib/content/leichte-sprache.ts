// Checks a Leichte Sprache text (Markdown) against the rules a machine can see: short sentences, long words split
// with a middle dot (Bei·rat), no passive, no genitive, no subjunctive, numbers as digits. Heuristics, so the
// import prints warnings and the studio shows them beside the text; nothing is refused for them.
// No server code here: the studio's editor may run it too.

export type PlainRule = 'sentence_long' | 'word_long' | 'passive' | 'genitive' | 'subjunctive' | 'number_word';

export interface PlainWarning {
	/** 1-based line of the Markdown given (plus `firstLine` - 1) */
	line: number;
	rule: PlainRule;
	/** the word or the beginning of the sentence it is about */
	excerpt: string;
	/** sentence_long: its number of words */
	words?: number;
}

export const MAX_SENTENCE_WORDS = 12;
export const MAX_WORD_LETTERS = 14;

/** One block of text (a paragraph, heading, list item, table cell row) with the line it starts on. */
interface Unit {
	line: number;
	parts: { text: string; line: number }[];
}

/** Markdown line → its readable text (links and images keep their words, syntax and URLs go). */
function inlineText(s: string): string {
	return s
		.replace(/<[^>]*>/g, ' ')
		.replace(/`[^`]*`/g, ' ')
		.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/\[\^[^\]]+\]/g, '')
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/https?:\/\/\S+/g, ' ')
		.replace(/(\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(\*{1,3}|_{1,3}|~~)/g, '');
}

/** Splits Markdown into blocks of readable text, skipping code, front matter-like fences and link definitions. */
function units(md: string, firstLine: number): Unit[] {
	const out: Unit[] = [];
	let cur: Unit | null = null;
	let fence: string | null = null;
	const lines = md.replace(/\r\n?/g, '\n').split('\n');
	lines.forEach((raw, i) => {
		const line = firstLine + i;
		const f = /^\s{0,3}(`{3,}|~{3,})/.exec(raw);
		if (f) {
			fence = fence === null ? f[1][0] : fence === f[1][0] ? null : fence;
			cur = null;
			return;
		}
		if (fence !== null) return;
		let s = raw;
		if (!s.trim() || /^\s*(\|?\s*:?-{3,}:?\s*)+\|?\s*$/.test(s) || /^\s*\[[^\]^]+\]:\s*\S+/.test(s) || /^\s*([-*_]\s*){3,}$/.test(s)) {
			cur = null;
			return;
		}
		// block starts: each is its own unit
		let starts = false;
		s = s.replace(/^\s*(>\s*)+/, () => ((starts = true), ''));
		if (/^\s*\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$/i.test(s)) {
			cur = null;
			return;
		}
		s = s.replace(/^\s{0,3}#{1,6}\s+/, () => ((starts = true), ''));
		s = s.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, () => ((starts = true), ''));
		s = s.replace(/^\s*\[\^[^\]]+\]:\s*/, () => ((starts = true), ''));
		const heading = /^\s{0,3}#{1,6}\s/.test(raw);
		if (s.includes('|')) {
			// a table row: every cell is its own unit
			for (const cell of s.split('|')) if (cell.trim()) out.push({ line, parts: [{ text: inlineText(cell), line }] });
			cur = null;
			return;
		}
		if (starts || !cur) {
			cur = { line, parts: [] };
			out.push(cur);
		}
		cur.parts.push({ text: inlineText(s), line });
		if (heading) cur = null;
	});
	return out;
}

const ABBREVIATIONS = /(?:\b(?:z|B|d|h|u|a|o|s|v|i|bzw|usw|etc|ca|vgl|Nr|Dr|Abs|Art|Tel|Str|evtl|ggf|inkl|max|min|sog|St|Hr|Fr)\.)$/;

interface Sentence {
	line: number;
	text: string;
}

/** Sentences of a unit: split after . ! ? : ; (not after abbreviations or ordinal numbers like "1."). */
function sentences(u: Unit): Sentence[] {
	const out: Sentence[] = [];
	let buf = '';
	let start = u.line;
	for (const p of u.parts) {
		const tokens = p.text.split(/(?<=[.!?:;])\s+/);
		tokens.forEach((tok, i) => {
			if (!buf.trim()) start = p.line;
			buf += (buf ? ' ' : '') + tok;
			const endsSentence = /[.!?:;]["“”»«')\]]*$/.test(tok) && !ABBREVIATIONS.test(tok) && !/^\d{1,4}\.$/.test(tok.split(/\s+/).pop() ?? '');
			if (endsSentence) {
				if (buf.trim()) out.push({ line: start, text: buf.trim() });
				buf = '';
			}
		});
	}
	if (buf.trim()) out.push({ line: start, text: buf.trim() });
	return out;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}·‧'’-]*/gu;
const words = (s: string) => s.match(WORD_RE) ?? [];

const WERDEN = new Set(['wird', 'werden', 'wurde', 'wurden', 'worden', 'wirst', 'werdet', 'würde', 'würden']);
/**
 * Partizip II: ge…t / ge…en (gewählt, gegeben), also after a separable prefix (abgestimmt, eingeladen); with an
 * inseparable prefix and -t (verschickt, beauftragt, unterstützt); …iert (informiert); and frequent strong ones.
 */
const SEPARABLE = '(?:ab|an|auf|aus|bei|ein|fest|mit|nach|vor|weg|zu|zurück|zusammen|dar|her|hin|los|vorbei|weiter)';
const PARTICIPLE = new RegExp(`^(?:${SEPARABLE}?ge\\p{Ll}{2,}(?:t|en)|${SEPARABLE}?(?:be|ver|er|ent|zer|emp|miss|über|unter|hinter|wider)\\p{Ll}{2,}t|\\p{Ll}{3,}iert)$`, 'u');
const STRONG_PARTICIPLES = new Set(['beschlossen', 'entschieden', 'verboten', 'besprochen', 'vertreten', 'erlassen', 'begonnen', 'verloren', 'empfohlen', 'unterschrieben', 'überwiesen', 'geschrieben', 'verschoben', 'aufgehoben']);
const NOT_PARTICIPLE = new Set([
	'gegen', 'genug', 'gestern', 'gern', 'gerne', 'genau', 'gesamt', 'gemeinsam', 'geehrt', 'gelten', 'geben', 'gehen', 'gefallen', 'gehören', 'gewinnen', 'genießen', 'geschehen', 'gewesen', 'gelegen', 'geeignet', 'gerecht',
	'bestimmt', 'bereit', 'bekannt', 'ernst', 'berühmt', 'beliebt', 'erst', 'vielleicht', 'bereits', 'unbedingt', 'besonders'
]);
const SUBJUNCTIVE = /^(?:würde|würden|würdest|würdet|könnte|könnten|könntest|könntet|hätte|hätten|hättest|hättet|wäre|wären|wärest|wärst|wäret|müsste|müssten|dürfte|dürften|bräuchte|bräuchten|sollte|sollten|ginge|käme|kämen)$/;
const GENITIVE_ARTICLE = /^(?:eines|keines|meines|deines|seines|ihres|unseres|eures)$/;
const GENITIVE_PREP = /^(?:wegen|während|trotz|statt|anstatt|aufgrund|innerhalb|außerhalb|anhand|mithilfe|bezüglich|hinsichtlich|zwecks|infolge)$/;
const UNITS = '(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun)';
const NUMBER_WORD = new RegExp(
	`^(?:eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|(?:drei|vier|fünf|sech|sieb|acht|neun)zehn|zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|(?:ein|${UNITS})(?:hundert|tausend)\\p{L}*|(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)|zweite[nmrs]?|dritte[nmrs]?)$`,
	'u'
);

function short(text: string, n = 8): string {
	const w = text.split(/\s+/);
	return w.length > n ? w.slice(0, n).join(' ') + ' …' : text;
}

/** Every warning for a Leichte Sprache text; `firstLine` is the file line of the text's first line. */
export function checkPlainLanguage(md: string, firstLine = 1): PlainWarning[] {
	const warnings: PlainWarning[] = [];
	const seenWord = new Set<string>();
	for (const u of units(md, firstLine)) {
		for (const s of sentences(u)) {
			const ws = words(s.text);
			if (ws.length > MAX_SENTENCE_WORDS) warnings.push({ line: s.line, rule: 'sentence_long', excerpt: short(s.text), words: ws.length });
			const lower = ws.map((w) => w.toLowerCase());
			lower.forEach((w, i) => {
				const word = ws[i];
				const letters = word.replace(/[^\p{L}]/gu, '').length;
				if (letters > MAX_WORD_LETTERS && !/[·‧-]/.test(word) && !seenWord.has(word)) {
					seenWord.add(word);
					warnings.push({ line: s.line, rule: 'word_long', excerpt: word });
				}
				if (SUBJUNCTIVE.test(w)) warnings.push({ line: s.line, rule: 'subjunctive', excerpt: word });
				if (NUMBER_WORD.test(w) && !(w === 'acht' && lower[i - 1] === 'in')) warnings.push({ line: s.line, rule: 'number_word', excerpt: word });
				// genitive: "des Beirats", "eines (neuen) Antrags", "wegen der Wahl", "dessen Vorsitz"
				const next = ws[i + 1] ?? '';
				const noun = /^\p{Lu}/u.test(next) ? next : /en$/.test(next) && /^\p{Lu}/u.test(ws[i + 2] ?? '') ? ws[i + 2] : '';
				if (w === 'des' || w === 'dessen' || w === 'deren' || (GENITIVE_ARTICLE.test(w) && /e?s$/.test(noun))) {
					warnings.push({ line: s.line, rule: 'genitive', excerpt: `${word} ${next}`.trim() });
				} else if (GENITIVE_PREP.test(w) && /^(?:des|der|eines|einer)$/.test(next.toLowerCase())) {
					warnings.push({ line: s.line, rule: 'genitive', excerpt: `${word} ${next}` });
				}
			});
			// passive: a form of "werden" and a past participle in one sentence ("Der Beirat wird gewählt")
			const aux = lower.findIndex((w) => WERDEN.has(w));
			const participle = (w: string, i: number) => i !== aux && /^\p{Ll}/u.test(ws[i]) && !NOT_PARTICIPLE.has(w) && (PARTICIPLE.test(w) || STRONG_PARTICIPLES.has(w));
			const passive = aux >= 0 && (lower.includes('worden') || lower.some(participle));
			if (passive) warnings.push({ line: s.line, rule: 'passive', excerpt: short(s.text) });
		}
	}
	return warnings.sort((a, b) => a.line - b.line);
}

/** The warning as the import prints it (English, like the import's other messages). */
export function describePlainWarning(w: PlainWarning): string {
	switch (w.rule) {
		case 'sentence_long':
			return `Leichte Sprache: sentence has ${w.words} words (at most ${MAX_SENTENCE_WORDS}): "${w.excerpt}"`;
		case 'word_long':
			return `Leichte Sprache: long word "${w.excerpt}": split it with a middle dot (Bei·rat) or a hyphen`;
		case 'passive':
			return `Leichte Sprache: passive voice: "${w.excerpt}" (say who does it)`;
		case 'genitive':
			return `Leichte Sprache: genitive "${w.excerpt}" (use "von" instead)`;
		case 'subjunctive':
			return `Leichte Sprache: subjunctive "${w.excerpt}" (say it directly)`;
		case 'number_word':
			return `Leichte Sprache: number written as a word "${w.excerpt}" (write digits: 2, 12, 100)`;
	}
}
