// Server-side translation by locale, for messages built outside a component (errors, mails, forms).
import * as m from '../paraglide/messages';
import { locales, baseLocale } from '../paraglide/runtime';
export { textDirection } from '../i18n/locales';

export type Locale = (typeof locales)[number];
export const LOCALES = locales;

export function isLocale(v: unknown): v is Locale {
	return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

/** `t('de', 'error_generic')`: a message of any key, in the given locale. */
export function t(locale: string, key: string, params: Record<string, unknown> = {}): string {
	const fn = (m as unknown as Record<string, (p: unknown, o: { locale: string }) => string>)[key];
	if (!fn) return key;
	return fn(params, { locale: isLocale(locale) ? locale : baseLocale });
}

/** The best of our locales for an Accept-Language header. */
export function negotiateLocale(header: string | null): Locale {
	if (!header) return baseLocale;
	const ranked = header
		.split(',')
		.map((part) => {
			const [tag, ...params] = part.trim().split(';');
			const q = params.find((p) => p.trim().startsWith('q='));
			return { tag: tag.trim().toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
		})
		.filter((x) => x.tag && !Number.isNaN(x.q) && x.q > 0)
		.sort((a, b) => b.q - a.q);
	for (const { tag } of ranked) {
		const base = tag.split('-')[0];
		const locale = ALIASES[base] ?? base;
		if (isLocale(locale)) return locale;
	}
	return baseLocale;
}

/** Language tags a browser may send for a language we have under another tag (Dari and Iranian Persian → fa). */
const ALIASES: Record<string, string> = { prs: 'fa', pes: 'fa', arb: 'ar' };

/** A `?lang=` value, when it names one of our locales. */
export function localeParam(url: URL): Locale | null {
	const v = url.searchParams.get('lang');
	return isLocale(v) ? v : null;
}

/**
 * `<link rel="alternate" hreflang>` for every interface language of the page at `url` (its `?lang=` version), and
 * x-default for the plain address, whose language the visitor's choice and browser decide.
 */
export function alternateLinks(url: URL, origin: string): string {
	const params = new URLSearchParams(url.search);
	params.delete('lang');
	const base = origin + url.pathname;
	const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
	const links = locales.map((l) => {
		const p = new URLSearchParams(params);
		p.set('lang', l);
		return `<link rel="alternate" hreflang="${l}" href="${esc(`${base}?${p}`)}">`;
	});
	const rest = params.toString();
	links.push(`<link rel="alternate" hreflang="x-default" href="${esc(rest ? `${base}?${rest}` : base)}">`);
	return links.join('\n\t\t');
}
