// Dates and times in the user's language, on the server (mails, forms, pages). The rules (digits, calendar, Berlin
// time) are in $lib/i18n/locales, shared with the components so that both write a date the same way.
export { formatDate, formatDateTime, formatTime } from '../i18n/locales';
