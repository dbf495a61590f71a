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
