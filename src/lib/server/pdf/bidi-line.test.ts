import fs from 'node:fs';
import { createRequire } from 'node:module';
import fontkit, { type Font } from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { visualRuns } from './bidi-line';
import { paddedSubset } from './shaped-font';

const show = (runs: ReturnType<typeof visualRuns>) => runs.map((r) => `${r.font}:${r.level}:${r.text}`);

describe('visualRuns', () => {
	it('keeps a left-to-right line as one run', () => {
		expect(show(visualRuns('Amina Yılmaz', 'ltr'))).toEqual(['latin:0:Amina Yılmaz']);
	});

	it('puts a German title inside an Arabic sentence where an Arabic reader expects it', () => {
		// logical: Arabic words, then the German title; visually the title stands left of the Arabic
		expect(show(visualRuns('الدورة Beiratsarbeit', 'rtl'))).toEqual(['latin:2:Beiratsarbeit', 'arabic:1:الدورة ']);
		// numbers keep their order; the Arabic run goes to fontkit in logical order (fontkit shapes and turns it)
		expect(show(visualRuns('عدد الساعات: 12', 'rtl'))).toEqual(['latin:2:12', 'arabic:1:عدد الساعات: ']);
	});

	it('mirrors brackets in right-to-left text and turns round the runs fontkit would not', () => {
		// « » around a left-to-right title: drawn as «Title» (each guillemet mirrored, then placed by level)
		expect(visualRuns('«Titel»', 'rtl').map((r) => `${r.level}:${r.text}`)).toEqual(['1:«', '2:Titel', '1:»']);
		expect(show(visualRuns('(مدة)', 'rtl')).join('|')).toBe('arabic:1:)مدة(');
	});

	it('gives harakat, tatweel, the Arabic comma and the Farsi half space to the Arabic font', () => {
		expect(show(visualRuns('محمّد، می‌شود', 'rtl'))).toEqual(['arabic:1:محمّد، می‌شود']);
	});

	it('turns Arabic-Indic digits so that fontkit, which reads them as Arabic, turns them back', () => {
		expect(show(visualRuns('١٢٣', 'ltr'))).toEqual(['arabic:2:٣٢١']);
	});
});

describe('paddedSubset', () => {
	it('writes a subset whose every glyph has the outline of the original', async () => {
		const require = createRequire(import.meta.url);
		const fk = fontkit.create(fs.readFileSync(require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'))) as Font;
		const subset = paddedSubset(fk);
		const glyphs = fk.layout('Nguyễn Thị Minh Khai Олена').glyphs;
		const ids = glyphs.map((g) => subset.includeGlyph(g));
		const bytes = await new Promise<Buffer>((resolve) => {
			const parts: Uint8Array[] = [];
			subset.encodeStream().on('data', (b) => parts.push(b)).on('end', () => resolve(Buffer.concat(parts)));
		});
		const back = fontkit.create(bytes) as Font;
		glyphs.forEach((g, i) => expect(back.getGlyph(ids[i]).path.toSVG(), `glyph ${g.id}`).toBe(g.path.toSVG()));
	});
});
