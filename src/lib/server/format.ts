// Dates and times in the user's language.
export function formatTime(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { hour: '2-digit', minute: '2-digit', timeZone: process.env.TZ || 'Europe/Berlin' }).format(new Date(ms));
}

export function formatDate(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'long', timeZone: process.env.TZ || 'Europe/Berlin' }).format(new Date(ms));
}

export function formatDateTime(ms: number, locale: string): string {
	return new Intl.DateTimeFormat(locale === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: process.env.TZ || 'Europe/Berlin' }).format(new Date(ms));
}

/** A moment to the second ("14:32:10"; with the date when it is not today), e.g. when the next quiz attempt is possible. */
export function formatMoment(ms: number, locale: string, now = Date.now()): string {
	const timeZone = process.env.TZ || 'Europe/Berlin';
	const tag = locale === 'de' ? 'de-DE' : 'en-GB';
	const day = (t: number) => new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone }).format(new Date(t));
	const sameDay = day(ms) === day(now);
	return new Intl.DateTimeFormat(tag, { ...(sameDay ? {} : { dateStyle: 'medium' as const }), timeStyle: 'medium', timeZone }).format(new Date(ms));
}
