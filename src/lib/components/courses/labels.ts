// Labels for course facts shared by the course components.
import * as m from '$lib/paraglide/messages';
import { shownCount } from '$lib/i18n/plural';

export function levelLabel(level: string): string {
	if (level === 'advanced') return m.course_level_advanced();
	if (level === 'intermediate') return m.course_level_intermediate();
	return m.course_level_beginner();
}

export function languageLabel(lang: string): string {
	return lang === 'en' ? m.course_language_en() : m.course_language_de();
}

export function formatHours(hours: number, locale: string): string {
	return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'de-DE', { maximumFractionDigits: 1 }).format(hours);
}

/** `{ hours, count }` for the plural hour messages: the formatted number to show and the number that picks the form. */
export function hoursParams(hours: number, locale: string): { hours: string; count: number } {
	return { hours: formatHours(hours, locale), count: shownCount(hours) };
}
