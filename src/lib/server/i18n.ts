// Server-side translation by locale, for messages built outside a component (errors, mails, forms).
import * as m from '../paraglide/messages';
import { locales, baseLocale } from '../paraglide/runtime';

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
		if (isLocale(base)) return base;
	}
	return baseLocale;
}

export function textDirection(locale: string): 'ltr' | 'rtl' {
	return ['ar', 'fa', 'he', 'ur', 'ps', 'ku'].includes(locale.split('-')[0]) ? 'rtl' : 'ltr';
}
