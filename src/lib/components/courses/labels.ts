// Labels for course facts shared by the course components.
import * as m from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { formatNumber, languageName } from '$lib/i18n/locales';
import { shownCount } from '$lib/i18n/plural';

export function levelLabel(level: string): string {
	if (level === 'advanced') return m.course_level_advanced();
	if (level === 'intermediate') return m.course_level_intermediate();
	return m.course_level_beginner();
}

/** A course's language, named in the page's language ("Deutsch", "الألمانية", "Almanca"). */
export function languageLabel(lang: string): string {
	return languageName(lang, getLocale());
}

export function formatHours(hours: number, locale: string): string {
	return formatNumber(hours, locale);
}

/** `{ hours, count }` for the plural hour messages: the formatted number to show and the number that picks the form. */
export function hoursParams(hours: number, locale: string): { hours: string; count: number } {
	return { hours: formatHours(hours, locale), count: shownCount(hours) };
}
