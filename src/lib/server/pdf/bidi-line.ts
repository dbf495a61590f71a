// One line of text in a PDF, in any of our languages. pdf-lib's drawText places glyphs by their advance widths only,
// which is not enough for two of them: Noto Sans Arabic builds a letter from a dotless form plus its dots (ب = ٮ + a
// dot below) and Vietnamese ị is i + a dot below, each mark placed by the font's GPOS offsets. So:
// - the line is split into runs by direction (the Unicode bidi algorithm, bidi-js) and by font (Arabic script →
//   the Arabic font, the rest → the Latin/Cyrillic one), and the runs are put in visual order;
// - fontkit shapes each run (joining forms, lam-alef, marks) and every glyph is drawn where fontkit puts it;
// - each glyph is embedded with the text it stands for (ShapedFont), so the PDF's text is the line as written.
import bidiFactory from 'bidi-js';
import { PDFHexString, beginText, endText, setFillingRgbColor, setFontAndSize, setTextMatrix, showText, type PDFName, type PDFOperator, type PDFPage, type PDFRef, type RGB } from 'pdf-lib';
import type { ShapedFont } from './shaped-font';

const bidi = bidiFactory();

export interface LineFonts {
	latin: ShapedFont;
	arabic: ShapedFont;
}

export interface VisualRun {
	/** the run's characters, handed to fontkit (already turned round where fontkit would not do it) */
	text: string;
	font: 'latin' | 'arabic';
	level: number;
}

// letters, harakat, tatweel, the Arabic comma, ZWNJ (Farsi's half space) and ZWJ: the Arabic font's
const ARABIC = /[\p{Script_Extensions=Arabic}\u200C\u200D]/u;
const NEUTRAL = /[\s\p{P}\p{S}\p{Zs}]/u;
const MARK = /\p{M}/u;
const STRONG_SCRIPT = /[^\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** What fontkit does with a run: lays it out right to left when its first non-common character is of an RTL script. */
function fontkitReverses(text: string): boolean {
	const first = [...text].find((c) => STRONG_SCRIPT.test(c));
	return first !== undefined && RTL_SCRIPT.test(first);
}

const reverse = (s: string) => [...s].reverse().join('');

/** The line's runs in visual order, left to right. `direction` is the paragraph's (the page language's). */
export function visualRuns(input: string, direction: 'ltr' | 'rtl', arabicHas: (cp: number) => boolean = () => true): VisualRun[] {
	const text = input.normalize('NFC');
	if (!text) return [];
	const embedding = bidi.getEmbeddingLevels(text, direction);
	const mirrored = bidi.getMirroredCharactersMap(text, embedding.levels);
	// per character (code point): its level, its font, and itself (mirrored where the level is odd)
	const cells: { ch: string; level: number; font: 'latin' | 'arabic' }[] = [];
	let index = 0;
	// punctuation opening a right-to-left line goes with the Arabic words that follow, when the Arabic font has it
	let previousFont: 'latin' | 'arabic' = direction === 'rtl' ? 'arabic' : 'latin';
	for (const ch of text) {
		let font: 'latin' | 'arabic' = ARABIC.test(ch) ? 'arabic' : 'latin';
		// a combining mark belongs to its letter; a space or a comma between Arabic words stays in the Arabic run
		if (MARK.test(ch) && !ARABIC.test(ch)) font = previousFont;
		else if (font === 'latin' && previousFont === 'arabic' && NEUTRAL.test(ch) && arabicHas(ch.codePointAt(0)!)) font = 'arabic';
		cells.push({ ch: mirrored.get(index) ?? ch, level: embedding.levels[index], font });
		previousFont = font;
		index += ch.length;
	}
	const runs: VisualRun[] = [];
	for (const c of cells) {
		const last = runs[runs.length - 1];
		if (last && last.level === c.level && last.font === c.font) last.text += c.ch;
		else runs.push({ text: c.ch, level: c.level, font: c.font });
	}
	// UAX #9 L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above
	const levels = runs.map((r) => r.level);
	const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), Infinity);
	for (let level = Math.max(...levels); level >= lowestOdd; level--) {
		for (let i = 0; i < runs.length; ) {
			if (runs[i].level < level) {
				i++;
				continue;
			}
			let j = i;
			while (j < runs.length && runs[j].level >= level) j++;
			runs.splice(i, j - i, ...runs.slice(i, j).reverse());
			i = j;
		}
	}
	// a right-to-left run must come out of fontkit reversed, a left-to-right one as it is
	return runs.map((r) => ((r.level % 2 === 1) === fontkitReverses(r.text) ? r : { ...r, text: reverse(r.text) }));
}

interface PlacedGlyph {
	ref: PDFRef;
	name: string;
	id: number;
	x: number;
	y: number;
}

/**
 * The text each glyph of a shaped run stands for (for ToUnicode). fontkit keeps the characters a glyph came from
 * (a ligature has two, a dot split off a letter none). A combining mark's character goes to its letter's glyph
 * (ن + ّ → one glyph "نّ"): a mark drawn a little higher is otherwise read as text of its own, often on another line.
 * In a right-to-left run the glyphs are in visual order, and readers (poppler, pdf.js) turn the text round
 * character by character, so a glyph's own characters are stored turned round too; a bracket mirrored for
 * drawing stands for the character that was written.
 */
function glyphTexts(glyphs: { codePoints: number[] }[], run: VisualRun): string[] {
	const rtl = run.level % 2 === 1;
	const texts = glyphs.map((g) => {
		const chars = String.fromCodePoint(...g.codePoints);
		return rtl ? [...chars].map((c) => bidi.getMirroredCharacter(c) ?? c).join('') : chars;
	});
	const isMark = (t: string) => t !== '' && [...t].every((c) => MARK.test(c));
	// fontkit returns a right-to-left run's glyphs reversed: there a letter's marks come before it, else after it
	const reversed = fontkitReverses(run.text);
	const logical = reversed ? texts.map((_, i) => texts.length - 1 - i) : texts.map((_, i) => i);
	let base = -1;
	for (const i of logical) {
		if (isMark(texts[i]) && base >= 0) {
			texts[base] += texts[i];
			texts[i] = '';
		} else if (texts[i] !== '') base = i;
	}
	return reversed ? texts.map(reverse) : texts;
}

/** Shapes the runs and places their glyphs from x = 0; returns them and the line's width. */
function place(runs: VisualRun[], fonts: LineFonts, size: number): { glyphs: PlacedGlyph[]; width: number } {
	const glyphs: PlacedGlyph[] = [];
	let pen = 0;
	for (const run of runs) {
		const font = fonts[run.font];
		const shaped = font.fk.layout(run.text);
		const texts = glyphTexts(shaped.glyphs, run);
		const scale = size / font.fk.unitsPerEm;
		shaped.glyphs.forEach((glyph, i) => {
			const p = shaped.positions[i];
			glyphs.push({ ...font.use(glyph, texts[i]), x: pen + p.xOffset * scale, y: p.yOffset * scale });
			pen += p.xAdvance * scale;
		});
	}
	return { glyphs, width: pen };
}

const arabicCoverage = (fonts: LineFonts) => (cp: number) => fonts.arabic.fk.hasGlyphForCodePoint(cp);

/** Draws `text` centred on the page at baseline `y`. */
export function drawCentredLine(page: PDFPage, text: string, opts: { y: number; size: number; fonts: LineFonts; direction: 'ltr' | 'rtl'; color: RGB }) {
	const runs = visualRuns(text, opts.direction, arabicCoverage(opts.fonts));
	const { glyphs, width } = place(runs, opts.fonts, opts.size);
	const x0 = (page.getWidth() - width) / 2;
	const keys = new Map<PDFRef, PDFName>();
	const key = (g: PlacedGlyph) => keys.get(g.ref) ?? keys.set(g.ref, page.node.newFontDictionary(g.name, g.ref)).get(g.ref)!;
	const ops: PDFOperator[] = [beginText(), setFillingRgbColor(opts.color.red, opts.color.green, opts.color.blue)];
	let current: PDFRef | null = null;
	for (const g of glyphs) {
		if (g.ref !== current) {
			ops.push(setFontAndSize(key(g), opts.size));
			current = g.ref;
		}
		ops.push(setTextMatrix(1, 0, 0, 1, round(x0 + g.x), round(opts.y + g.y)), showText(PDFHexString.of(g.id.toString(16).padStart(4, '0'))));
	}
	ops.push(endText());
	page.pushOperators(...ops);
}

const round = (n: number) => Math.round(n * 1000) / 1000;
