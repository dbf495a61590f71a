import { describe, expect, it } from 'vitest';
import { chooseVersion, parseLessonFileName, variantTagsFor } from './languages';

describe('lesson file names', () => {
	it('tells a lesson from its variants', () => {
		expect(parseLessonFileName('03-rederecht.md')).toEqual({ ok: true, position: 3, slug: 'rederecht', base: '03-rederecht.md', tag: null });
		expect(parseLessonFileName('03-rederecht.ar.md')).toEqual({ ok: true, position: 3, slug: 'rederecht', base: '03-rederecht.md', tag: 'ar' });
		expect(parseLessonFileName('03-rederecht.de-x-ls.md')).toMatchObject({ ok: true, tag: 'de-x-ls' });
	});

	it('names the right tag for a misspelt Leichte Sprache and lists the known ones for anything else', () => {
		expect(parseLessonFileName('03-rederecht.de-ls.md')).toEqual({ ok: false, reason: expect.stringContaining('name the file "03-rederecht.de-x-ls.md"') });
		expect(parseLessonFileName('03-rederecht.fr.md')).toEqual({ ok: false, reason: expect.stringMatching(/unknown language tag "fr".*\.de-x-ls\.md.*\.ru\.md/) });
		expect(parseLessonFileName('03-rederecht.AR.md')).toMatchObject({ ok: false, reason: expect.stringContaining('unknown language tag "AR"') });
		expect(parseLessonFileName('rederecht.md')).toMatchObject({ ok: false });
	});

	it('offers every tag but the course language', () => {
		expect(variantTagsFor('de')).toEqual(['de-x-ls', 'en', 'ar', 'fa', 'tr', 'uk', 'ru']);
		expect(variantTagsFor('en')).toEqual(['de-x-ls', 'de', 'ar', 'fa', 'tr', 'uk', 'ru']);
	});
});

describe('which version a learner reads', () => {
	const base = { original: 'de', available: ['de-x-ls', 'ar'], explicit: null, locale: 'de', plain: false };
	it('explicit choice, then Leichte Sprache, then the interface language, then the original', () => {
		expect(chooseVersion({ ...base, explicit: 'ar' })).toEqual({ tag: 'ar', variant: true, missing: null });
		expect(chooseVersion({ ...base, explicit: 'de', plain: true })).toEqual({ tag: 'de', variant: false, missing: null });
		expect(chooseVersion({ ...base, plain: true, locale: 'ar' })).toEqual({ tag: 'de-x-ls', variant: true, missing: null });
		expect(chooseVersion({ ...base, locale: 'ar' })).toEqual({ tag: 'ar', variant: true, missing: null });
		expect(chooseVersion(base)).toEqual({ tag: 'de', variant: false, missing: null });
	});

	it('names what is missing', () => {
		expect(chooseVersion({ ...base, locale: 'uk' })).toEqual({ tag: 'de', variant: false, missing: 'uk' });
		expect(chooseVersion({ ...base, available: ['ar'], plain: true, locale: 'ar' })).toEqual({ tag: 'ar', variant: true, missing: 'de-x-ls' });
		expect(chooseVersion({ ...base, available: [], plain: true })).toEqual({ tag: 'de', variant: false, missing: 'de-x-ls' });
		expect(chooseVersion({ ...base, explicit: 'tr' })).toEqual({ tag: 'de', variant: false, missing: 'tr' });
		// an unknown explicit value is ignored
		expect(chooseVersion({ ...base, explicit: 'xx', locale: 'ar' })).toEqual({ tag: 'ar', variant: true, missing: null });
	});
});
