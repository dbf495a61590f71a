// The interface languages, their writing direction and how numbers and dates are written in each: one module for
// the server and the components, so a date on a page, in a mail and on a certificate read the same.
//
// Digits and calendars (decided once, here):
// - Arabic (ar) and Farsi (fa) use Latin digits (0–9), not Arabic-Indic (٠١٢) or Persian (۰۱۲) ones. The people this
//   is for read German letters, agendas and paragraphs (§ 41) with Latin digits every day, Arabic readers from the
//   Maghreb write them anyway, and only one kind of digit can be consistent: numbers inside messages ("3 Lektionen"),
//   the player's clock, lesson content and the certificate all come out in Latin digits.
// - Both use the Gregorian calendar (the one of every date in German life; `ar-SA` alone would pick the Hijri
//   calendar, plain `fa` the Solar Hijri one). Month names stay those of the language: Farsi gets the Persian names
//   of the Gregorian months Iranians in Germany use (ژانویه، فوریه، مارس …), Arabic the pan-Arabic ones (يناير …).
// - Times are Berlin time wherever the reader is: meetings and deadlines are those of a German council.

export const LOCALE_NAMES = {
	de: 'Deutsch',
	en: 'English',
	ar: 'العربية',
	fa: 'فارسی',
	tr: 'Türkçe',
	uk: 'Українська',
	ru: 'Русский'
} as const;

export type InterfaceLocale = keyof typeof LOCALE_NAMES;
export const INTERFACE_LOCALES = Object.keys(LOCALE_NAMES) as InterfaceLocale[];

/** The tag Intl gets for a locale (see the top of this file for the digits and calendars). */
const INTL: Record<InterfaceLocale, string> = {
	de: 'de-DE',
	en: 'en-GB',
	ar: 'ar-u-ca-gregory-nu-latn',
	fa: 'fa-IR-u-ca-gregory-nu-latn',
	tr: 'tr-TR',
	uk: 'uk-UA',
	ru: 'ru-RU'
};

export const TIME_ZONE = 'Europe/Berlin';

const RTL = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'ku', 'ckb', 'yi', 'dv', 'sd', 'ug']);

/** 'rtl' for a right-to-left language tag (ar, fa, ar-SY, …), else 'ltr'. */
export function textDirection(tag: string | null | undefined): 'ltr' | 'rtl' {
	return tag && RTL.has(tag.toLowerCase().split('-')[0]) ? 'rtl' : 'ltr';
}

/** `lang` and `dir` for an element whose text is in `tag` (content in another language than the page). */
export function langAttrs(tag: string | null | undefined): { lang?: string; dir?: 'ltr' | 'rtl' } {
	return tag ? { lang: tag, dir: textDirection(tag) } : {};
}

export function intlLocale(locale: string): string {
	return INTL[locale as InterfaceLocale] ?? INTL.de;
}

export function formatNumber(n: number, locale: string, options: Intl.NumberFormatOptions = { maximumFractionDigits: 1 }): string {
	return new Intl.NumberFormat(intlLocale(locale), options).format(n);
}

/** 0.42 → "42 %" / "%42" / "42٪"-style as the locale writes it (with Latin digits, see above). */
export function formatPercent(share: number, locale: string): string {
	return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

type DateInput = number | Date | string;
const toDate = (d: DateInput) => (typeof d === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(d) ? d + 'T12:00:00Z' : d) : new Date(d));

/** "14. März 2026", "14 مارس 2026" */
export function formatDate(d: DateInput, locale: string, timeZone = TIME_ZONE): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone }).format(toDate(d));
}

/** "14.03.2026, 11:05" */
export function formatDateTime(d: DateInput, locale: string, timeZone = TIME_ZONE, timeStyle: 'short' | 'medium' = 'short'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle, timeZone }).format(toDate(d));
}

/** "11:05" */
export function formatTime(d: DateInput, locale: string, timeZone = TIME_ZONE, withSeconds = false): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { hour: '2-digit', minute: '2-digit', second: withSeconds ? '2-digit' : undefined, timeZone }).format(toDate(d));
}

/** "14.03.2026", "14/03/2026": a day in a table */
export function formatShortDate(d: DateInput, locale: string, timeZone = TIME_ZONE): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone }).format(toDate(d));
}

/** A calendar day (YYYY-MM-DD, no time of day) for charts and tables: "14.03." */
export function formatShortDay(isoDay: string, locale: string): string {
	return new Intl.DateTimeFormat(intlLocale(locale), { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(new Date(isoDay + 'T00:00:00Z'));
}

/** A language's name in the page's language: languageName('de', 'ar') → "الألمانية". */
export function languageName(tag: string, locale: string): string {
	try {
		return new Intl.DisplayNames([intlLocale(locale)], { type: 'language' }).of(tag) ?? tag;
	} catch {
		return tag;
	}
}
