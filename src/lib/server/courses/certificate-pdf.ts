// The certificate as an A4 PDF (pdf-lib), in the reader's language, with a QR code to the public verification page.
// Text is set in Noto Sans (Latin with Turkish and Vietnamese letters, Cyrillic) and Noto Sans Arabic (Arabic and
// Farsi, shaped by fontkit), both from npm and embedded as subsets: names print as they are written, in any script.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PDFDocument, rgb } from 'pdf-lib';
import fontkit, { type Font as FontkitFont } from '@pdf-lib/fontkit';
import QRCode from 'qrcode';
import type { CertificateView } from './certificates';
import { t } from '../i18n';
import { formatDate, formatNumber, intlLocale, textDirection } from '../../i18n/locales';
import { drawCentredLine, type LineFonts } from '../pdf/bidi-line';
import { ShapedFont, withOccurrenceCodePoints } from '../pdf/shaped-font';
import { shownCount } from '../../i18n/plural';

const FONT_FILES = {
	latin: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
	latinBold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
	arabic: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
	arabicBold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf'
} as const;
type FontName = keyof typeof FONT_FILES;

// the fonts as fontkit reads them are the same for everyone: read once
let loaded: FontkitFont[] | null = null;
function fontFiles(): FontkitFont[] {
	if (!loaded) {
		const require = createRequire(import.meta.url);
		loaded = (Object.keys(FONT_FILES) as FontName[]).map((name) => withOccurrenceCodePoints(fontkit.create(fs.readFileSync(require.resolve(FONT_FILES[name]))) as FontkitFont));
	}
	return loaded;
}

/** `locale`: the language the certificate is printed in (the reader's; any of the interface languages). */
export async function certificatePdf(cert: CertificateView, verifyUrl: string, locale: string): Promise<Uint8Array> {
	const tr = (key: string, params?: Record<string, unknown>) => t(locale, key, params);
	const direction = textDirection(locale);
	const doc = await PDFDocument.create();
	doc.setTitle(`${tr('reach_cert_title')}: ${cert.courseTitle}`);
	doc.setLanguage(intlLocale(locale).split('-u-')[0]);
	doc.setProducer('Mitsprache');
	doc.setCreator('Mitsprache');

	// embedded as subsets (only the glyphs this certificate uses) once the text is drawn
	const [latin, latinBold, arabic, arabicBold] = fontFiles().map((fk) => new ShapedFont(fk, doc.context));
	const regular: LineFonts = { latin, arabic };
	const bold: LineFonts = { latin: latinBold, arabic: arabicBold };

	const page = doc.addPage([595.28, 841.89]);
	const { width, height } = page.getSize();
	const ink = rgb(0.1, 0.1, 0.1);
	const line = (text: string, y: number, size: number, f = regular, dir = direction) => drawCentredLine(page, text, { y, size, fonts: f, direction: dir, color: ink });

	page.drawRectangle({ x: 30, y: 30, width: width - 60, height: height - 60, borderColor: rgb(0.04, 0.36, 0.68), borderWidth: 3 });
	line(tr('reach_cert_title'), 700, 30, bold);
	line(tr('reach_cert_intro'), 620, 14);
	line(cert.displayName, 580, 24, bold);
	line(tr('reach_cert_completed'), 540, 14);
	line(tr('reach_cert_course', { title: cert.courseTitle }), 505, 20, bold);
	line(tr('reach_cert_hours', { hours: formatNumber(cert.hours, locale), count: shownCount(cert.hours) }), 470, 14);
	line(tr('reach_cert_issued', { date: formatDate(cert.issuedAt, locale) }), 420, 12);

	// QR code drawn as one vector path (a run of dark modules per row): crisp at any zoom, no image decoding needed
	const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const box = 120;
	let path = '';
	for (let r = 0; r < n; r++) {
		for (let c = 0; c < n; c++) {
			if (!qr.modules.get(r, c)) continue;
			let end = c;
			while (end + 1 < n && qr.modules.get(r, end + 1)) end++;
			path += `M${c} ${r}h${end - c + 1}v1h${-(end - c + 1)}z`;
			c = end;
		}
	}
	// drawSvgPath measures y downwards from the given corner (the QR code's top left)
	page.drawSvgPath(path, { x: (width - box) / 2, y: 200 + box, scale: box / n, color: rgb(0, 0, 0), borderWidth: 0 });
	line(tr('reach_cert_verify'), 175, 10);
	line(verifyUrl, 160, 9, regular, 'ltr');
	line(tr('reach_cert_code', { code: cert.code }), 145, 9);
	line(tr('reach_cert_footer'), 60, 9);
	for (const f of [latin, latinBold, arabic, arabicBold]) await f.embed();
	return doc.save();
}
