import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatNumber, formatPercent, formatShortDate, languageName, LOCALE_NAMES, textDirection } from './locales';

const march14 = Date.UTC(2026, 2, 14, 10, 5);

describe('numbers and dates in the seven languages', () => {
	it('writes a date as the language does, in Berlin time', () => {
		expect(formatDate(march14, 'de')).toBe('14. März 2026');
		expect(formatDate(march14, 'en')).toBe('14 March 2026');
		expect(formatDate(march14, 'tr')).toBe('14 Mart 2026');
		expect(formatDate(march14, 'uk')).toBe('14 березня 2026 р.');
		expect(formatDate(march14, 'ru')).toBe('14 марта 2026 г.');
		expect(formatDateTime(march14, 'de')).toBe('14.03.2026, 11:05');
		expect(formatShortDate('2026-03-14', 'de')).toBe('14.03.2026');
	});

	it('Farsi: Gregorian calendar, Persian month names, Latin digits (not ۱۴ اسفند ۱۴۰۴)', () => {
		expect(formatDate(march14, 'fa')).toBe('14 مارس 2026');
		expect(formatDate(Date.UTC(2026, 0, 20), 'fa')).toBe('20 ژانویهٔ 2026');
		expect(formatNumber(1234.5, 'fa')).toBe('1,234.5');
	});

	it('Arabic: Gregorian calendar (never the Hijri one), Latin digits (not ١٤)', () => {
		expect(formatDate(march14, 'ar')).toBe('14 مارس 2026');
		expect(formatNumber(1.5, 'ar')).toBe('1.5');
		expect(formatPercent(0.42, 'ar')).toMatch(/^42\u200e?%\u200e?$/);
		for (const l of ['ar', 'fa']) expect(formatDateTime(march14, l)).not.toMatch(/[\u0660-\u0669\u06f0-\u06f9]/);
	});

	it('decimals as each language writes them', () => {
		expect(formatNumber(1.5, 'de')).toBe('1,5');
		expect(formatNumber(1.5, 'en')).toBe('1.5');
		expect(formatNumber(1.5, 'tr')).toBe('1,5');
		expect(formatNumber(1.5, 'ru')).toBe('1,5');
	});

	it('names languages in the page’s language, and knows which run right to left', () => {
		expect(languageName('de', 'ar')).toBe('الألمانية');
		expect(languageName('de', 'tr')).toBe('Almanca');
		expect(languageName('de', 'de')).toBe('Deutsch');
		expect(Object.values(LOCALE_NAMES)).toEqual(['Deutsch', 'English', 'العربية', 'فارسی', 'Türkçe', 'Українська', 'Русский']);
		expect(Object.keys(LOCALE_NAMES).filter((l) => textDirection(l) === 'rtl')).toEqual(['ar', 'fa']);
	});
});
