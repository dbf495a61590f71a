// A time in words for screen readers ("1 Minute und 5 Sekunden" / "دقيقة و5 ثوان"), the seek bars' aria-valuetext:
// "1:05" read aloud is "one colon zero five". CLDR's unit names and list patterns give every language its plurals.
import { intlLocale } from '../i18n/locales';

export function timeInWords(seconds: number, locale: string): string {
	const s = Math.max(0, Math.floor(seconds || 0));
	const tag = intlLocale(locale);
	const unit = (n: number, u: 'hour' | 'minute' | 'second') => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'long' }).format(n);
	const parts: string[] = [];
	if (s >= 3600) parts.push(unit(Math.floor(s / 3600), 'hour'));
	if (s % 3600 >= 60) parts.push(unit(Math.floor((s % 3600) / 60), 'minute'));
	if (s % 60 || !parts.length) parts.push(unit(s % 60, 'second'));
	return new Intl.ListFormat(tag, { type: 'unit', style: 'long' }).format(parts);
}
