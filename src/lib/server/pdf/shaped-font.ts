// A TrueType font embedded in a PDF as subsets whose glyphs each say which text they stand for (ToUnicode), even
// where a font uses one glyph for several letters: Noto Sans Arabic draws ب ت ث ن ي from one dotless form plus
// dots, and Noto Sans draws ị as i plus a dot below. A glyph that must stand for two different texts goes into a
// second copy of the subset, so copying, searching and text extraction give back the letters as they were written.
// (pdf-lib's own subsetting keeps one text per glyph, the last one it saw.)
import type { Font as FontkitFont, Glyph } from '@pdf-lib/fontkit';
import { PDFString, type PDFContext, type PDFRef } from 'pdf-lib';

interface Instance {
	ref: PDFRef;
	/** the font's PDF name (subset tag + PostScript name) */
	name: string;
	subset: Subset;
	/** original glyph id → id in this subset and the text it stands for */
	glyphs: Map<number, { id: number; text: string; advance: number }>;
}

/**
 * fontkit caches one Glyph object per glyph id, with the characters of the first text it met it in, and hands that
 * object out for every later occurrence: the dotless form of ب then says "ب" inside نشهد too. Layout itself tracks the
 * characters of each occurrence; this makes the glyphs it returns carry them (a thin object over the cached one).
 */
export function withOccurrenceCodePoints(fk: FontkitFont): FontkitFont {
	const getGlyph = fk.getGlyph.bind(fk);
	fk.getGlyph = (id: number, codePoints?: number[]) => {
		const glyph = getGlyph(id, codePoints);
		return codePoints ? (Object.create(glyph, { codePoints: { value: [...codePoints], enumerable: true } }) as Glyph) : glyph;
	};
	return fk;
}

type Subset = ReturnType<FontkitFont['createSubset']>;
/** fontkit's TrueType subset without its short-loca bug (the internals used here are those of @pdf-lib/fontkit 1.1.1). */
interface TTFSubsetInternals {
	_addGlyph(gid: number): number;
	glyf: Uint8Array[];
	offset: number;
}

/**
 * A fontkit subset whose glyphs are padded to 4 bytes. fontkit writes a small subset with the short loca format, which
 * stores offsets halved, but copies glyph data unpadded: after the first glyph of odd length every later glyph points
 * one byte off and draws nothing (Noto Sans's "i", "n", "e" … vanished).
 */
export function paddedSubset(fk: FontkitFont): Subset {
	const subset = fk.createSubset();
	const inner = subset as unknown as TTFSubsetInternals;
	if (typeof inner._addGlyph !== 'function') return subset;
	const add = inner._addGlyph.bind(subset);
	inner._addGlyph = (gid: number) => {
		const index = add(gid);
		const data = inner.glyf[index];
		const pad = (4 - (data.length % 4)) % 4;
		if (pad) {
			// the same Buffer class as fontkit's own (its bundled one): its stream refuses any other
			const padded = (data.constructor as unknown as { alloc(n: number): Uint8Array }).alloc(data.length + pad);
			padded.set(data, 0);
			inner.glyf[index] = padded;
			inner.offset += pad;
		}
		return index;
	};
	return subset;
}

const tagFor = (n: number) => Array.from({ length: 6 }, (_, i) => String.fromCharCode(65 + (Math.floor(n / 26 ** (5 - i)) % 26))).join('');
let fontCounter = 0;

export class ShapedFont {
	readonly #instances: Instance[] = [];
	readonly #serial = fontCounter++;

	constructor(
		readonly fk: FontkitFont,
		readonly context: PDFContext
	) {}

	/** The subset copy and glyph id to draw `glyph` with, standing for `text` (its characters, in logical order). */
	use(glyph: Glyph, text: string): { ref: PDFRef; name: string; id: number } {
		let instance = this.#instances.find((i) => {
			const known = i.glyphs.get(glyph.id);
			return !known || known.text === text;
		});
		if (!instance) {
			const n = this.#instances.length;
			instance = {
				ref: this.context.nextRef(),
				name: `${tagFor(this.#serial * 64 + n)}+${(this.fk.postscriptName || 'Font').replace(/[^A-Za-z0-9-]/g, '')}`,
				subset: paddedSubset(this.fk),
				glyphs: new Map()
			};
			this.#instances.push(instance);
		}
		let entry = instance.glyphs.get(glyph.id);
		if (!entry) {
			entry = { id: instance.subset.includeGlyph(glyph), text, advance: glyph.advanceWidth };
			instance.glyphs.set(glyph.id, entry);
		}
		return { ref: instance.ref, name: instance.name, id: entry.id };
	}

	/** Writes every subset copy used into the PDF; call once, after the last line is drawn and before saving. */
	async embed(): Promise<void> {
		for (const instance of this.#instances) await this.#embedInstance(instance);
	}

	async #embedInstance(instance: Instance) {
		const { context, fk } = this;
		const scale = 1000 / fk.unitsPerEm;
		const bytes = await new Promise<Uint8Array>((resolve) => {
			const parts: Uint8Array[] = [];
			instance.subset
				.encodeStream()
				.on('data', (b) => parts.push(b))
				.on('end', () => resolve(Buffer.concat(parts)));
		});
		const fontFile = context.register(context.flateStream(bytes));
		const { minX, minY, maxX, maxY } = fk.bbox;
		const descriptor = context.register(
			context.obj({
				Type: 'FontDescriptor',
				FontName: instance.name,
				Flags: 4,
				FontBBox: [minX * scale, minY * scale, maxX * scale, maxY * scale],
				ItalicAngle: fk.italicAngle,
				Ascent: fk.ascent * scale,
				Descent: fk.descent * scale,
				CapHeight: (fk.capHeight || fk.ascent) * scale,
				XHeight: (fk.xHeight || 0) * scale,
				StemV: 0,
				FontFile2: fontFile
			})
		);
		const byId = [...instance.glyphs.values()].sort((a, b) => a.id - b.id);
		const widths: (number | number[])[] = [];
		for (const g of byId) widths.push(g.id, [Math.round(g.advance * scale)]);
		const cidFont = context.register(
			context.obj({
				Type: 'Font',
				Subtype: 'CIDFontType2',
				BaseFont: instance.name,
				CIDSystemInfo: { Registry: PDFString.of('Adobe'), Ordering: PDFString.of('Identity'), Supplement: 0 },
				FontDescriptor: descriptor,
				W: widths,
				CIDToGIDMap: 'Identity'
			})
		);
		const toUnicode = context.register(context.flateStream(cmap(byId.filter((g) => g.text !== ''))));
		context.assign(
			instance.ref,
			context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: instance.name, Encoding: 'Identity-H', DescendantFonts: [cidFont], ToUnicode: toUnicode })
		);
	}
}

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
/** UTF-16BE hex of a text (surrogate pairs included) */
const utf16 = (s: string) => [...s].map((ch) => Array.from({ length: ch.length }, (_, i) => hex4(ch.charCodeAt(i))).join('')).join('');

function cmap(glyphs: { id: number; text: string }[]): string {
	const lines = glyphs.map((g) => `<${hex4(g.id)}> <${utf16(g.text)}>`);
	// a bfchar block holds at most 100 entries
	const blocks: string[] = [];
	for (let i = 0; i < lines.length; i += 100) {
		const chunk = lines.slice(i, i + 100);
		blocks.push(`${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar`);
	}
	return [
		'/CIDInit /ProcSet findresource begin',
		'12 dict begin',
		'begincmap',
		'/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
		'/CMapName /Adobe-Identity-UCS def',
		'/CMapType 2 def',
		'1 begincodespacerange',
		'<0000> <FFFF>',
		'endcodespacerange',
		...blocks,
		'endcmap',
		'CMapName currentdict /CMap defineresource pop',
		'end',
		'end'
	].join('\n');
}
