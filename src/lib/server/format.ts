// Dates and times in the user's language, on the server (mails, forms, pages). The rules (digits, calendar, Berlin
// time) are in $lib/i18n/locales, shared with the components so that both write a date the same way.
import { intlLocale } from '../i18n/locales';
export { formatDate, formatDateTime, formatTime } from '../i18n/locales';

/** A moment to the second ("14:32:10"; with the date when it is not today), e.g. when the next quiz attempt is possible. */
export function formatMoment(ms: number, locale: string, now = Date.now()): string {
	const timeZone = process.env.TZ || 'Europe/Berlin';
	const day = (t: number) => new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(new Date(t));
	const sameDay = day(ms) === day(now);
	return new Intl.DateTimeFormat(intlLocale(locale), { ...(sameDay ? {} : { dateStyle: 'medium' as const }), timeStyle: 'medium', timeZone }).format(new Date(ms));
}
