// The certificate as an A4 PDF (pdf-lib), in the course's language, with a QR code to the public verification page.
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib';
import QRCode from 'qrcode';
import type { CertificateView } from './certificates';

const TEXT = {
	de: {
		title: 'Teilnahmebescheinigung',
		intro: 'Hiermit wird bestätigt, dass',
		completed: 'den Kurs',
		hours: (h: string) => `mit einem Umfang von ${h} Stunden erfolgreich abgeschlossen hat.`,
		date: 'Ausgestellt am',
		verify: 'Echtheit prüfen:',
		code: 'Code',
		demo: 'Mitsprache – Lernplattform für Migranten- und Integrationsbeiräte'
	},
	en: {
		title: 'Certificate of participation',
		intro: 'This is to certify that',
		completed: 'has successfully completed the course',
		hours: (h: string) => `comprising ${h} hours of learning.`,
		date: 'Issued on',
		verify: 'Verify:',
		code: 'Code',
		demo: 'Mitsprache – learning platform for migrant and integration advisory councils'
	}
};

/** Standard PDF fonts only know WinAnsi; characters outside it are replaced rather than failing the download. */
function safe(font: PDFFont, s: string): string {
	return [...s].map((ch) => {
		try {
			font.encodeText(ch);
			return ch;
		} catch {
			return '?';
		}
	}).join('');
}

export async function certificatePdf(cert: CertificateView, verifyUrl: string): Promise<Uint8Array> {
	const lang = cert.language === 'en' ? 'en' : 'de';
	const t = TEXT[lang];
	const doc = await PDFDocument.create();
	doc.setTitle(`${t.title}: ${cert.courseTitle}`);
	doc.setLanguage(lang === 'en' ? 'en-GB' : 'de-DE');
	doc.setProducer('Mitsprache');
	const page = doc.addPage([595.28, 841.89]);
	const regular = await doc.embedFont(StandardFonts.Helvetica);
	const bold = await doc.embedFont(StandardFonts.HelveticaBold);
	const { width } = page.getSize();
	const centre = (text: string, y: number, size: number, font = regular) => {
		const s = safe(font, text);
		page.drawText(s, { x: (width - font.widthOfTextAtSize(s, size)) / 2, y, size, font, color: rgb(0.1, 0.1, 0.1) });
	};
	page.drawRectangle({ x: 30, y: 30, width: width - 60, height: 841.89 - 60, borderColor: rgb(0.04, 0.36, 0.68), borderWidth: 3 });
	centre(t.title, 700, 30, bold);
	centre(t.intro, 620, 14);
	centre(cert.displayName, 580, 24, bold);
	centre(t.completed, 540, 14);
	centre(`„${cert.courseTitle}“`, 505, 20, bold);
	const hours = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 }).format(cert.hours);
	centre(t.hours(hours), 470, 14);
	const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'long', timeZone: 'Europe/Berlin' }).format(new Date(cert.issuedAt));
	centre(`${t.date} ${date}`, 420, 12);

	// QR code drawn as vector squares: crisp at any zoom, no image decoding needed
	const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const box = 120;
	const cell = box / n;
	const x0 = (width - box) / 2;
	const y0 = 200;
	for (let r = 0; r < n; r++) {
		for (let c = 0; c < n; c++) {
			if (qr.modules.get(r, c)) page.drawRectangle({ x: x0 + c * cell, y: y0 + box - (r + 1) * cell, width: cell, height: cell, color: rgb(0, 0, 0) });
		}
	}
	centre(t.verify, 175, 10);
	centre(verifyUrl, 160, 9);
	centre(`${t.code}: ${cert.code}`, 145, 9);
	centre(t.demo, 60, 9);
	return doc.save();
}
