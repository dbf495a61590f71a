import { describe, expect, it } from 'vitest';
import { negotiateLocale, t, textDirection } from './i18n';

describe('i18n', () => {
	it('negotiates from Accept-Language with quality values, German by default', () => {
		expect(negotiateLocale('en-US,en;q=0.9,de;q=0.8')).toBe('en');
		expect(negotiateLocale('fr-FR, de;q=0.5, en;q=0.7')).toBe('en');
		expect(negotiateLocale('ar, tr')).toBe('ar');
		expect(negotiateLocale('fr, it')).toBe('de');
		expect(negotiateLocale(null)).toBe('de');
		expect(negotiateLocale('garbage;;;q=x')).toBe('de');
	});
	it('translates by locale and knows the writing direction', () => {
		expect(t('de', 'nav_courses')).toBe('Kurse');
		expect(t('en', 'nav_courses')).toBe('Courses');
		expect(t('xx', 'nav_courses')).toBe('Kurse');
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('de')).toBe('ltr');
	});
});
