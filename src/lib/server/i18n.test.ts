import { describe, expect, it } from 'vitest';
import { negotiateLocale, t, textDirection } from './i18n';

describe('i18n', () => {
	it('negotiates from Accept-Language with quality values, German by default', () => {
		expect(negotiateLocale('en-US,en;q=0.9,de;q=0.8')).toBe('en');
		expect(negotiateLocale('fr-FR, de;q=0.5, en;q=0.7')).toBe('en');
		expect(negotiateLocale('ar, tr')).toBe('ar');
		expect(negotiateLocale('fr-FR, tr-TR;q=0.8, en;q=0.5')).toBe('tr');
		expect(negotiateLocale('uk-UA,ru;q=0.9')).toBe('uk');
		expect(negotiateLocale('fa-IR')).toBe('fa');
		// Dari (prs) reads the Farsi interface
		expect(negotiateLocale('prs-AF, de;q=0.5')).toBe('fa');
		expect(negotiateLocale('fr, it;q=0.5')).toBe('de');
		expect(negotiateLocale(null)).toBe('de');
		expect(negotiateLocale('garbage;;;q=x')).toBe('de');
	});
	it('translates by locale and knows the writing direction', () => {
		expect(t('de', 'nav_courses')).toBe('Kurse');
		expect(t('en', 'nav_courses')).toBe('Courses');
		expect(t('xx', 'nav_courses')).toBe('Kurse');
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('fa')).toBe('rtl');
		expect(textDirection('de')).toBe('ltr');
		expect(textDirection('tr')).toBe('ltr');
	});
});

describe('hreflang alternates', () => {
	it('one per interface language and x-default, keeping the other query parameters', async () => {
		const { alternateLinks } = await import('./i18n');
		const html = alternateLinks(new URL('http://x/courses?q=rat&lang=ar'), 'https://example.org');
		expect(html.match(/hreflang="[a-z-]+"/g)).toEqual(['de', 'en', 'ar', 'fa', 'tr', 'uk', 'ru', 'x-default'].map((l) => `hreflang="${l}"`));
		expect(html).toContain('<link rel="alternate" hreflang="fa" href="https://example.org/courses?q=rat&amp;lang=fa">');
		expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://example.org/courses?q=rat">');
	});
});
