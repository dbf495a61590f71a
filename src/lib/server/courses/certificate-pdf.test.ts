// The certificate PDF prints every name as it is written: the text extracted from it (poppler's pdftotext, as a
// screen reader or a copy would get it) is the name, in Turkish, Vietnamese, Cyrillic and Arabic.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certificatePdf } from './certificate-pdf';
import type { CertificateView } from './certificates';
import { t } from '../i18n';

const cert = (displayName: string, courseTitle = 'Grundlagen der Beiratsarbeit'): CertificateView => ({
	id: 'c1', code: 'abcdefghijklmnop2345', userId: null, courseId: 'course', displayName, courseTitle, hours: 1.5, language: 'de',
	issuedAt: Date.UTC(2026, 2, 14, 10), revokedAt: null, revokedBy: null, withdrawn: false
});
const URL = 'http://localhost:3000/verify/abcdefghijklmnop2345';

// pdftotext marks right-to-left lines with bidi controls; the text itself is what counts
const BIDI_CONTROLS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
function textOf(pdf: Uint8Array): string[] {
	const file = path.join(process.env.TEST_TMP_DIR!, `cert-${Math.random().toString(36).slice(2)}.pdf`);
	fs.writeFileSync(file, pdf);
	const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
	if (r.error) throw new Error('pdftotext is missing: install poppler-utils (npm test does, as root)');
	expect(r.status, r.stderr).toBe(0);
	return r.stdout.replace(BIDI_CONTROLS, '').split('\n').map((l) => l.trim()).filter(Boolean);
}

describe('certificate PDF', () => {
	it.each([
		['Turkish', 'Amina Yılmaz', 'tr'],
		['Vietnamese', 'Nguyễn Thị Minh Khai', 'de'],
		['Cyrillic', 'Олена Коваленко', 'uk'],
		['Arabic', 'أمينة يلماز', 'ar'],
		['Arabic on a German certificate', 'أمينة يلماز', 'de'],
		['Farsi', 'زهرا احمدی', 'fa']
	])('%s: the extracted text has the name as written', async (_, name, locale) => {
		const lines = textOf(await certificatePdf(cert(name), URL, locale));
		expect(lines).toContain(name);
	});

	it('is in the reader’s language, the Arabic one right to left and shaped (extracted in reading order)', async () => {
		const ar = textOf(await certificatePdf(cert('Amina Yılmaz'), URL, 'ar'));
		expect(ar).toEqual(expect.arrayContaining([t('ar', 'reach_cert_title'), t('ar', 'reach_cert_intro'), t('ar', 'reach_cert_completed'), 'Amina Yılmaz', URL]));
		// Latin digits and the Persian name of the Gregorian month (see src/lib/i18n/locales.ts); pdftotext orders the
		// numbers and the colon between right-to-left words its own way, so the words are checked, not their order
		const date = textOf(await certificatePdf(cert('Zahra Ahmadi'), URL, 'fa')).find((l) => l.includes('تاریخ صدور'));
		expect(date?.split(/[\s:]+/).sort()).toEqual(['14', '2026', 'تاریخ', 'صدور', 'مارس'].sort());
		const ru = textOf(await certificatePdf(cert('Олена Коваленко', 'Права в комитете'), URL, 'ru'));
		expect(ru).toEqual(expect.arrayContaining(['Свидетельство об участии', '«Права в комитете»', 'объёмом 1,5 ч.', 'Выдано 14 марта 2026 г.']));
	});

	it('embeds its fonts as small subsets', async () => {
		const pdf = await certificatePdf(cert('أمينة يلماز'), URL, 'ar');
		const file = path.join(process.env.TEST_TMP_DIR!, 'fonts.pdf');
		fs.writeFileSync(file, pdf);
		const fonts = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
		// name, type, encoding, embedded, subset, ToUnicode: every font embedded, a subset, with its text
		expect(fonts.length).toBeGreaterThanOrEqual(3);
		for (const f of fonts) expect(f).toMatch(/^[A-Z]{6}\+NotoSans(Arabic)?-(Regular|Bold)\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
		// the full fonts are 630 KB (Noto Sans) and 220 KB (Noto Sans Arabic) each
		expect(pdf.length).toBeLessThan(60_000);
	});
});
